package org.jretis.event;

/** {@code skb}: socket buffer metadata; each part is null when not collected. */
public record SkbSection(VlanAccel vlanAccel, Meta meta, DataRef dataRef, Gso gso) {

    public record VlanAccel(int proto, int pcp, boolean dei, int vid) {}

    public record Meta(long len, long dataLen, long hash, int ipSummed, long csum, int csumLevel, long priority) {}

    public record DataRef(boolean nohdr, boolean cloned, int fclone, int users, int dataref) {}

    public record Gso(int flags, int frags, long size, long segs, long type) {}

    public boolean isEmpty() {
        return vlanAccel == null && meta == null && dataRef == null && gso == null;
    }
}
