package org.jretis.process;

import org.jretis.event.SkbTrackingSection;

/**
 * A packet's identity across probes: the first-seen timestamp and the original {@code skb->head}
 * (Retis' u128 {@code (timestamp << 64) | orig_head}); clones share it.
 */
record TrackingId(long timestamp, long origHead) {
    static TrackingId of(SkbTrackingSection skbTracking) {
        return skbTracking == null ? null : new TrackingId(skbTracking.timestamp(), skbTracking.origHead());
    }
}
