package org.jretis.collector.ct;

import static org.jretis.collector.ObjectBtf.assertLayout;
import static org.jretis.collector.ct.CtRecord.*;

import java.util.Map;
import org.jretis.btf.Btf;
import org.jretis.collector.ObjectBtf;
import org.junit.jupiter.api.Test;

/** CtRecord reads struct ct_part (ct.h) as the compiled probe lays it out. */
class CtRecordLayoutTest {

    @Test
    void offsetsAreThoseOfTheCompiledStructs() throws Exception {
        Btf btf = ObjectBtf.of("probe.bpf.o");
        assertLayout(btf, "ct_part", PART_SIZE, Map.of("state", STATE_AT, "has_parent", HAS_PARENT_AT,
                "conn", CONN_AT, "parent", PARENT_AT));
        assertLayout(btf, "ct_conn", CONN_SIZE, Map.of("status", CONN_STATUS, "mark", CONN_MARK,
                "zone_id", CONN_ZONE_ID, "zone_dir", CONN_ZONE_DIR, "l3", CONN_L3, "l4", CONN_L4,
                "proto_state", CONN_PROTO_STATE, "flags", CONN_FLAGS, "labels", CONN_LABELS,
                "orig", CONN_ORIG));
        assertLayout(btf, "ct_conn", CONN_SIZE, Map.of("reply", CONN_REPLY));
        assertLayout(btf, "ct_tuple", TUPLE_SIZE, Map.of("src", TUPLE_SRC, "dst", TUPLE_DST,
                "sport", TUPLE_SPORT, "dport", TUPLE_DPORT, "vtag", TUPLE_VTAG));
    }
}
