package org.jretis.event.json;

import static org.jretis.event.json.Unscannable.present;

import org.jretis.event.PacketSection;
import org.jretis.event.SkbSection;

/**
 * Scans the sections about the packet itself: {@code packet} (its bytes) and {@code skb} (the
 * kernel's metadata). Each method starts before the section's opening brace.
 */
final class SkbSectionScanner {
    private static final UnsignedFields META =
            new UnsignedFields(SkbJson.META_LEN, SkbJson.META_DATA_LEN, SkbJson.META_HASH,
            SkbJson.META_IP_SUMMED, SkbJson.META_CSUM, SkbJson.META_CSUM_LEVEL, SkbJson.META_PRIORITY);
    private static final UnsignedFields GSO = new UnsignedFields(SkbJson.GSO_FLAGS, SkbJson.GSO_FRAGS, SkbJson.GSO_SIZE,
            SkbJson.GSO_SEGS, SkbJson.GSO_TYPE);

    private SkbSectionScanner() {}

    static PacketSection packet(ByteCursor in) throws Unscannable {
        long len = -1;
        long captureLen = -1;
        byte[] data = null;
        int order = 0;
        in.expect('{');
        do {
            int f = in.field();
            if (in.is(f, PacketJson.LEN) && len == -1) {
                order = in.inOrder(order, 0);
                len = in.unsigned(32);
            } else if (in.is(f, PacketJson.CAPTURE_LEN) && captureLen == -1) {
                order = in.inOrder(order, 1);
                captureLen = in.unsigned(32);
            } else if (in.is(f, PacketJson.DATA) && data == null) {
                order = in.inOrder(order, 2);
                data = in.base64();
            } else {
                throw Unscannable.LINE;
            }
        } while (in.comma());
        in.expect('}');
        if (data == null) {
            throw Unscannable.LINE;
        }
        return new PacketSection((int) present(len), (int) present(captureLen), data);
    }

    static SkbSection skb(ByteCursor in) throws Unscannable {
        SkbSection.Meta meta = null;
        SkbSection.DataRef dataRef = null;
        SkbSection.Gso gso = null;
        int order = 0;
        in.expect('{');
        if (!in.peekIs('}')) {
            do {
                int f = in.field();
                if (in.is(f, SkbJson.META) && meta == null) {
                    order = in.inOrder(order, 0);
                    meta = meta(in);
                } else if (in.is(f, SkbJson.DATA_REF) && dataRef == null) {
                    order = in.inOrder(order, 1);
                    dataRef = dataRef(in);
                } else if (in.is(f, SkbJson.GSO) && gso == null) {
                    order = in.inOrder(order, 2);
                    gso = gso(in);
                } else {
                    throw Unscannable.LINE; // vlan_accel is rare: left to the general decoder
                }
            } while (in.comma());
        }
        in.expect('}');
        return new SkbSection(null, meta, dataRef, gso);
    }

    private static SkbSection.Meta meta(ByteCursor in) throws Unscannable {
        long[] m = META.read(in, 32);
        if (m[3] >>> 8 != 0 || m[5] >>> 8 != 0) {
            throw Unscannable.LINE;
        }
        return new SkbSection.Meta(m[0], m[1], m[2], (int) m[3], m[4], (int) m[5], m[6]);
    }

    private static SkbSection.Gso gso(ByteCursor in) throws Unscannable {
        long[] g = GSO.read(in, 32);
        if (g[0] >>> 8 != 0 || g[1] >>> 8 != 0) {
            throw Unscannable.LINE;
        }
        return new SkbSection.Gso((int) g[0], (int) g[1], g[2], g[3], g[4]);
    }

    private static SkbSection.DataRef dataRef(ByteCursor in) throws Unscannable {
        int nohdr = -1;
        int cloned = -1;
        long fclone = -1;
        long users = -1;
        long dataref = -1;
        int order = 0;
        in.expect('{');
        do {
            int f = in.field();
            if (in.is(f, SkbJson.DATA_REF_NOHDR) && nohdr == -1) {
                order = in.inOrder(order, 0);
                nohdr = in.bool();
            } else if (in.is(f, SkbJson.DATA_REF_CLONED) && cloned == -1) {
                order = in.inOrder(order, 1);
                cloned = in.bool();
            } else if (in.is(f, SkbJson.DATA_REF_FCLONE) && fclone == -1) {
                order = in.inOrder(order, 2);
                fclone = in.unsigned(8);
            } else if (in.is(f, SkbJson.DATA_REF_USERS) && users == -1) {
                order = in.inOrder(order, 3);
                users = in.unsigned(8);
            } else if (in.is(f, SkbJson.DATA_REF_DATAREF) && dataref == -1) {
                order = in.inOrder(order, 4);
                dataref = in.unsigned(8);
            } else {
                throw Unscannable.LINE;
            }
        } while (in.comma());
        in.expect('}');
        if (nohdr == -1 || cloned == -1) {
            throw Unscannable.LINE;
        }
        return new SkbSection.DataRef(nohdr == 1, cloned == 1, (int) present(fclone), (int) present(users),
                (int) present(dataref));
    }
}
