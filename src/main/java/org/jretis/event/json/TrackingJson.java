package org.jretis.event.json;

import org.jretis.event.TrackingSection;

/**
 * The {@code tracking} section's JSON names: one spelling for every reader and writer. Its
 * {@link #SKB} holds the fields of {@link SkbTrackingJson}.
 */
public final class TrackingJson {
    public static final String SECTION = "tracking";
    static final String SKB = "skb";
    static final String IDX = "idx";

    static final CoreSection<TrackingSection> CODEC = new CoreSection<>(SECTION, e -> e.tracking,
            (e, s) -> e.tracking = s, EventEncoder::tracking, SectionDecoder::tracking, ProbeSectionScanner::tracking);

    private TrackingJson() {}
}
