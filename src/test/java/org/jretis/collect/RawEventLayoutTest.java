package org.jretis.collect;

import static org.jretis.collect.RawEventLayout.*;
import static org.jretis.collector.ObjectBtf.assertLayout;

import java.util.Map;
import org.jretis.btf.Btf;
import org.jretis.collector.ObjectBtf;
import org.junit.jupiter.api.Test;

/** RawEventLayout reads struct retis_event (event.h) as the compiled probe lays it out. */
class RawEventLayoutTest {

    @Test
    void offsetsAreThoseOfTheCompiledStruct() throws Exception {
        Btf btf = ObjectBtf.of("probe.bpf.o");
        String s = "retis_event";
        assertLayout(btf, s, SIZE, Map.of("timestamp", TIMESTAMP, "skb", SKB, "orig_head", ORIG_HEAD,
                "track_ts", TRACK_TS, "netns_cookie", NETNS_COOKIE, "pid_tgid", PID_TGID,
                "netns_inum", NETNS_INUM, "probe_id", PROBE_ID, "cpu", CPU, "ifindex", IFINDEX));
        assertLayout(btf, s, SIZE, Map.of("rx_ifindex", RX_IFINDEX, "pkt_len", PKT_LEN, "cap_len", CAP_LEN,
                "flags", FLAGS, "vlan_tci", VLAN_TCI, "vlan_proto", VLAN_PROTO, "comm", COMM, "ifname", IFNAME,
                "meta_len", META_LEN, "data_len", DATA_LEN));
        assertLayout(btf, s, SIZE, Map.of("hash", HASH, "csum", CSUM, "priority", PRIORITY,
                "ip_summed", IP_SUMMED, "csum_level", CSUM_LEVEL, "nohdr", NOHDR, "cloned", CLONED,
                "fclone", FCLONE, "users", USERS, "dataref", DATAREF));
        assertLayout(btf, s, SIZE, Map.of("gso_flags", GSO_FLAGS, "gso_frags", GSO_FRAGS, "gso_size", GSO_SIZE,
                "gso_segs", GSO_SEGS, "gso_type", GSO_TYPE, "drop_reason", DROP_REASON, "stack_id", STACK_ID,
                "data", DATA));
    }
}
