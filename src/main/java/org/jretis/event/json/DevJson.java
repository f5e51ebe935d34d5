package org.jretis.event.json;

import org.jretis.event.DevSection;

/** The {@code dev} section's JSON names: one spelling for every reader and writer. */
public final class DevJson {
    public static final String SECTION = "dev";
    static final String NAME = "name";
    static final String IFINDEX = "ifindex";
    static final String RX_IFINDEX = "rx_ifindex";

    static final CoreSection<DevSection> CODEC = new CoreSection<>(SECTION, e -> e.dev, (e, s) -> e.dev = s,
            EventEncoder::dev, p -> SectionDecoder.dev(p, SECTION), PathSectionScanner::dev);

    private DevJson() {}
}
