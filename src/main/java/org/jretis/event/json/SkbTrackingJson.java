package org.jretis.event.json;

import org.jretis.event.SkbTrackingSection;

/** The {@code skb-tracking} section's JSON names: one spelling for every reader and writer. */
public final class SkbTrackingJson {
    public static final String SECTION = "skb-tracking";
    static final String ORIG_HEAD = "orig_head";
    static final String TIMESTAMP = "timestamp";
    static final String SKB = "skb";

    static final CoreSection<SkbTrackingSection> CODEC = new CoreSection<>(SECTION, e -> e.skbTracking,
            (e, s) -> e.skbTracking = s, EventEncoder::skbTracking, p -> SectionDecoder.skbTracking(p, SECTION),
            ProbeSectionScanner::skbTracking);

    private SkbTrackingJson() {}
}
