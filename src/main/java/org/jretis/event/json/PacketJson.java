package org.jretis.event.json;

import org.jretis.event.PacketSection;

/** The {@code packet} section's JSON names: one spelling for every reader and writer. */
public final class PacketJson {
    public static final String SECTION = "packet";
    static final String LEN = "len";
    static final String CAPTURE_LEN = "capture_len";
    static final String DATA = "data";
    /** v1.5's name of {@link #DATA}, in the {@code packet} of its {@code skb}: the section's. */
    static final String DATA_V15 = SECTION;

    static final CoreSection<PacketSection> CODEC = new CoreSection<>(SECTION, e -> e.packet,
            (e, s) -> e.packet = s, EventEncoder::packet, p -> SectionDecoder.packet(p, SECTION, DATA),
            SkbSectionScanner::packet);

    private PacketJson() {}
}
