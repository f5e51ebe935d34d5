package org.jretis.collect;

import java.util.List;
import org.jretis.log.Log;

/** {@code --skb-sections}: which optional skb metadata the probes read. */
record SkbSections(int mask) {

    static SkbSections parse(List<String> values) throws CollectException {
        int mask = 0;
        for (String value : values) {
            switch (value.strip()) {
                case "all" -> mask |= BpfConfig.SEC_META | BpfConfig.SEC_DATAREF | BpfConfig.SEC_GSO;
                case "meta" -> mask |= BpfConfig.SEC_META;
                case "dataref" -> mask |= BpfConfig.SEC_DATAREF;
                case "gso" -> mask |= BpfConfig.SEC_GSO;
                case "eth", "vlan", "packet" -> { } // the packet and its VLAN tag are always collected
                case "arp", "ip", "tcp", "udp", "icmp" -> Log.warn("skb section " + value + " is deprecated and ignored");
                case "dev", "ns" -> Log.warn("skb section " + value + " is deprecated: it is now a collector");
                default -> throw new CollectException("Unknown skb section " + value
                        + " (expected all, eth, meta, dataref, gso)");
            }
        }
        return new SkbSections(mask);
    }
}
