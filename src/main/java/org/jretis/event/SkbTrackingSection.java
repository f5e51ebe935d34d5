package org.jretis.event;

/**
 * {@code skb-tracking}: identifies a packet across probes. The tracking id is
 * {@code (timestamp << 64) | origHead}; {@code skb} tells clones apart.
 */
public record SkbTrackingSection(long origHead, long timestamp, long skb) {

    /** The id as Retis prints it: hex of the timestamp followed by 16 hex digits of the head. */
    public String idHex() {
        String head = Long.toHexString(origHead);
        if (timestamp == 0) {
            return head;
        }
        return Long.toHexString(timestamp) + "0".repeat(16 - head.length()) + head;
    }

    /** True when both belong to the same packet (same tracking id). */
    public boolean sameId(SkbTrackingSection other) {
        return other != null && other.origHead == origHead && other.timestamp == timestamp;
    }
}
