package org.jretis.text;

import org.jretis.event.SkbSection;
import org.jretis.packet.EtherTypes;

/**
 * The {@code skb} section: the accelerated VLAN tag (with {@code -e} only), then
 * {@code skb [...]} from the metadata and data reference, then {@code gso [...]}.
 */
final class SkbText {

    private SkbText() {}

    static void append(SkbSection skb, boolean linkLayer, Lines lines) {
        if (skb == null) {
            return;
        }
        if (linkLayer && skb.vlanAccel() != null) {
            SkbSection.VlanAccel vlan = skb.vlanAccel();
            StringBuilder out = lines.token().append("vlan_accel (ethertype ");
            EtherTypes.append(out, vlan.proto());
            out.append(" vlan ").append(vlan.vid()).append(" p ").append(vlan.pcp());
            out.append(vlan.dei() ? " DEI)" : ")");
        }
        if (skb.meta() != null || skb.dataRef() != null) {
            StringBuilder out = lines.token().append("skb [");
            if (skb.meta() != null) {
                appendMeta(skb.meta(), out);
            }
            if (skb.dataRef() != null) {
                appendDataRef(skb.dataRef(), out.append(skb.meta() != null ? " " : ""));
            }
            out.append(']');
        }
        if (skb.gso() != null) {
            SkbSection.Gso gso = skb.gso();
            StringBuilder out = lines.token().append("gso [type ").append(hex(gso.type()));
            if (gso.flags() != 0) {
                out.append(" flags ").append(hex(gso.flags()));
            }
            if (gso.frags() != 0) {
                out.append(" frags ").append(gso.frags());
            }
            if (gso.segs() != 0) {
                out.append(" segs ").append(gso.segs());
            }
            out.append(" size ").append(gso.size()).append(']');
        }
    }

    private static void appendMeta(SkbSection.Meta meta, StringBuilder out) {
        out.append("csum ");
        switch (meta.ipSummed()) {
            case 0 -> out.append("none");
            case 1 -> out.append("unnecessary (level ").append(meta.csumLevel()).append(')');
            case 2 -> out.append("complete (").append(hex(meta.csum())).append(')');
            // csum_start and csum_offset share the csum word, start in the low half.
            case 3 -> out.append("partial (start ").append(meta.csum() & 0xffff)
                    .append(" off ").append(meta.csum() >>> 16 & 0xffff).append(')');
            default -> out.append("unknown (").append(meta.ipSummed()).append(')');
        }
        if (meta.hash() != 0) {
            out.append(" hash ").append(hex(meta.hash()));
        }
        out.append(" len ").append(meta.len());
        if (meta.dataLen() != 0) {
            out.append(" data_len ").append(meta.dataLen());
        }
        out.append(" priority ").append(meta.priority());
    }

    private static void appendDataRef(SkbSection.DataRef ref, StringBuilder out) {
        if (ref.nohdr()) {
            out.append("nohdr ");
        }
        if (ref.cloned()) {
            out.append("cloned ");
        }
        if (ref.fclone() > 0) {
            out.append("fclone ").append(ref.fclone()).append(' ');
        }
        out.append("users ").append(ref.users()).append(" dataref ").append(ref.dataref());
    }

    private static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
