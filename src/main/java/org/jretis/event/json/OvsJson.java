package org.jretis.event.json;

/**
 * The JSON names of the {@code ovs} and {@code ovs-detrace} sections (Retis' ovs collector, which
 * jretis reads from files but does not collect), for the text and the series linker: one spelling
 * of each. The section is kept raw; its event types are values of {@link #EVENT_TYPE}.
 */
public final class OvsJson {
    public static final String SECTION = "ovs";
    public static final String DETRACE_SECTION = "ovs-detrace";
    public static final String EVENT_TYPE = "event_type";
    public static final String UPCALL = "upcall";
    public static final String UPCALL_ENQUEUE = "upcall_enqueue";
    public static final String UPCALL_RETURN = "upcall_return";
    public static final String RECV_UPCALL = "recv_upcall";
    public static final String FLOW_OPERATION = "flow_operation";
    public static final String ACTION_EXECUTE = "action_execute";
    public static final String FLOW_LOOKUP = "flow_lookup";
    public static final String PORT = "port";
    public static final String CPU = "cpu";
    public static final String CMD = "cmd";
    public static final String UPCALL_CPU = "upcall_cpu";
    public static final String UPCALL_TS = "upcall_ts";
    public static final String QUEUE_ID = "queue_id";
    public static final String RET = "ret";
    public static final String PKT_SIZE = "pkt_size";
    public static final String OP_TYPE = "op_type";
    public static final String BATCH_TS = "batch_ts";
    public static final String BATCH_IDX = "batch_idx";
    public static final String RECIRC_ID = "recirc_id";
    public static final String ACTION = "action";
    /** Of the recirc action. */
    public static final String ID = "id";
    /** Of the drop action. */
    public static final String REASON = "reason";
    public static final String ZONE_ID = "zone_id";
    public static final String NAT = "nat";
    public static final String NAT_DIR = "dir";
    public static final String NAT_MIN_ADDR = "min_addr";
    public static final String NAT_MAX_ADDR = "max_addr";
    public static final String NAT_MIN_PORT = "min_port";
    public static final String NAT_MAX_PORT = "max_port";
    public static final String FLAGS = "flags";
    public static final String FLOW = "flow";
    public static final String N_MASK_HIT = "n_mask_hit";
    public static final String N_CACHE_HIT = "n_cache_hit";
    public static final String SF_ACTS = "sf_acts";
    public static final String UFID = "ufid";
    public static final String DPFLOW = "dpflow";
    public static final String OFPFLOWS = "ofpflows";

    private OvsJson() {}
}
