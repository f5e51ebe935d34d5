package org.jretis.event;

import org.jretis.packet.Hex;

/**
 * {@code skb-tracking}: identifies a packet across probes. The tracking id is
 * {@code (timestamp << 64) | origHead}; {@code skb} tells clones apart.
 */
public record SkbTrackingSection(long origHead, long timestamp, long skb) {

    /** The id as Retis prints it: hex of the timestamp followed by 16 hex digits of the head. */
    public String idHex() {
        return appendIdHex(new StringBuilder(32)).toString();
    }

    /** Appends {@link #idHex()}, without a string per event (the text of every event has it). */
    public StringBuilder appendIdHex(StringBuilder out) {
        if (timestamp == 0) {
            return Hex.append(out, origHead, 1);
        }
        return Hex.append(Hex.append(out, timestamp, 1), origHead, 16);
    }

    /** True when both belong to the same packet (same tracking id). */
    public boolean sameId(SkbTrackingSection other) {
        return other != null && other.origHead == origHead && other.timestamp == timestamp;
    }
}
