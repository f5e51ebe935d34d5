package org.jretis.event.json;

import org.jretis.event.SkbSection;

/**
 * The {@code skb} section's JSON names: one spelling for every reader and writer. Before v1.6
 * it also held the {@code packet}, {@code dev} and netns ({@link #NS_V15}) sections.
 */
public final class SkbJson {
    public static final String SECTION = "skb";
    static final String VLAN_ACCEL = "vlan_accel";
    static final String VLAN_PROTO = "proto";
    static final String VLAN_PCP = "pcp";
    static final String VLAN_DEI = "dei";
    static final String VLAN_VID = "vid";
    static final String META = "meta";
    static final String META_LEN = "len";
    static final String META_DATA_LEN = "data_len";
    static final String META_HASH = "hash";
    static final String META_IP_SUMMED = "ip_summed";
    static final String META_CSUM = "csum";
    static final String META_CSUM_LEVEL = "csum_level";
    static final String META_PRIORITY = "priority";
    static final String DATA_REF = "data_ref";
    static final String DATA_REF_NOHDR = "nohdr";
    static final String DATA_REF_CLONED = "cloned";
    static final String DATA_REF_FCLONE = "fclone";
    static final String DATA_REF_USERS = "users";
    static final String DATA_REF_DATAREF = "dataref";
    static final String GSO = "gso";
    static final String GSO_FLAGS = "flags";
    static final String GSO_FRAGS = "frags";
    static final String GSO_SIZE = "size";
    static final String GSO_SEGS = "segs";
    static final String GSO_TYPE = "type";
    /** v1.5's netns part of skb, and the inode number in it. */
    static final String NS_V15 = "ns";
    static final String NS_NETNS_V15 = "netns";

    static final CoreSection<SkbSection> CODEC = new CoreSection<>(SECTION, e -> e.skb, (e, s) -> e.skb = s,
            EventEncoder::skb, SectionDecoder::skb, SkbSectionScanner::skb);

    private SkbJson() {}
}
