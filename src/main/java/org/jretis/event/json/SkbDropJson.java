package org.jretis.event.json;

import org.jretis.event.SkbDropSection;

/** The {@code skb-drop} section's JSON names: one spelling for every reader and writer. */
public final class SkbDropJson {
    public static final String SECTION = "skb-drop";
    static final String SUBSYS = "subsys";
    static final String DROP_REASON = "drop_reason";

    static final CoreSection<SkbDropSection> CODEC = new CoreSection<>(SECTION, e -> e.skbDrop,
            (e, s) -> e.skbDrop = s, EventEncoder::skbDrop, SectionDecoder::skbDrop, PathSectionScanner::skbDrop);

    private SkbDropJson() {}
}
