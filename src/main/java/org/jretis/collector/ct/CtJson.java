package org.jretis.collector.ct;

/**
 * The {@code ct} section's JSON names (Retis' ct.rs), for the record decoder that writes the
 * section and the text that reads it: one spelling of each. A connection's fields are flattened
 * into the section; {@link #PARENT} holds the master connection's.
 */
final class CtJson {
    static final String STATE = "state";
    static final String PARENT = "parent";
    static final String ZONE_ID = "zone_id";
    static final String ZONE_DIR = "zone_dir";
    static final String ORIG = "orig";
    static final String REPLY = "reply";
    static final String PROTO_STATE = "proto_state";
    /** Retis 1.6's name of {@link #PROTO_STATE}. */
    static final String TCP_STATE_V16 = "tcp_state";
    static final String MARK = "mark";
    static final String LABELS = "labels";
    static final String HI = "hi";
    static final String LO = "lo";
    static final String STATUS = "ct_status";
    static final String IP = "ip";
    static final String SRC = "src";
    static final String DST = "dst";
    static final String VERSION = "version";
    static final String PROTO = "proto";
    static final String SPORT = "sport";
    static final String DPORT = "dport";
    static final String TYPE = "type";
    static final String CODE = "code";
    static final String ID = "id";
    static final String VTAG = "vtag";

    /** Values of {@link #ZONE_DIR}, as Retis spells them. */
    static final String ZONE_ORIGINAL = "Original";
    static final String ZONE_REPLY = "Reply";
    static final String ZONE_DEFAULT = "Default";
    static final String ZONE_NONE = "None";

    /** Keys of {@link #PROTO}. */
    static final String TCP = "tcp";
    static final String UDP = "udp";
    static final String ICMP = "icmp";
    static final String SCTP = "sctp";

    private CtJson() {}
}
