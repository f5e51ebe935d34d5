package org.jretis.collect;

/**
 * Byte offsets of {@code struct retis_event} (src/main/bpf/event.h), the record every probe
 * writes into the ring buffer. Change both together. A record stops after its packet bytes:
 * {@code DATA + cap_len} bytes of the {@code SIZE} the struct has, then the parts of collector
 * units (org.jretis.collector). RawEventLayoutTest checks these offsets against the BTF of the
 * compiled object.
 */
final class RawEventLayout {
    static final int TIMESTAMP = 0;
    static final int SKB = 8;
    static final int ORIG_HEAD = 16;
    static final int TRACK_TS = 24;
    static final int NETNS_COOKIE = 32;
    static final int PID_TGID = 40;
    static final int NETNS_INUM = 48;
    static final int PROBE_ID = 52;
    static final int CPU = 56;
    static final int IFINDEX = 60;
    static final int RX_IFINDEX = 64;
    static final int PKT_LEN = 68;
    static final int CAP_LEN = 72;
    static final int FLAGS = 74;
    static final int VLAN_TCI = 76;
    static final int VLAN_PROTO = 78;
    static final int COMM = 80;
    static final int IFNAME = 96;
    static final int NAME_LEN = 16;
    static final int META_LEN = 112;
    static final int DATA_LEN = 116;
    static final int HASH = 120;
    static final int CSUM = 124;
    static final int PRIORITY = 128;
    static final int IP_SUMMED = 132;
    static final int CSUM_LEVEL = 133;
    static final int NOHDR = 134;
    static final int CLONED = 135;
    static final int FCLONE = 136;
    static final int USERS = 137;
    static final int DATAREF = 138;
    static final int GSO_FLAGS = 139;
    static final int GSO_FRAGS = 140;
    static final int GSO_SIZE = 144;
    static final int GSO_SEGS = 148;
    static final int GSO_TYPE = 152;
    static final int DROP_REASON = 156;
    static final int STACK_ID = 160;
    static final int DATA = 168;
    static final int SIZE = 424;

    static final int HAS_TASK = 1;
    static final int HAS_TRACKING = 1 << 1;
    static final int HAS_PACKET = 1 << 2;
    static final int HAS_DEV = 1 << 3;
    static final int HAS_NETNS = 1 << 4;
    static final int HAS_COOKIE = 1 << 5;
    static final int HAS_VLAN = 1 << 6;
    static final int HAS_META = 1 << 7;
    static final int HAS_DATAREF = 1 << 8;
    static final int HAS_GSO = 1 << 9;
    static final int HAS_DROP = 1 << 10;
    static final int HAS_STACK = 1 << 11;

    private RawEventLayout() {}
}
