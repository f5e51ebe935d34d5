package org.jretis.sink.pcapng;

import java.util.Objects;
import org.jretis.event.KernelSection;

/**
 * A kernel probe as the pcap-ng file names it: each distinct probe gets its own fake interface,
 * and {@code retis pcap --probe} keeps the packets of one probe.
 *
 * @param probeType {@code raw_tracepoint}, {@code kprobe} or {@code kretprobe}, as in events
 * @param symbol    {@code group:name} for tracepoints, the function name for k(ret)probes
 */
public record PcapngProbe(String probeType, String symbol) {

    public PcapngProbe {
        Objects.requireNonNull(probeType, "probeType");
        Objects.requireNonNull(symbol, "symbol");
    }

    public static PcapngProbe of(KernelSection kernel) {
        return new PcapngProbe(kernel.probeType(), kernel.symbol());
    }

    /** The interface name, e.g. {@code raw_tracepoint/net:netif_receive_skb}. */
    public String ifName() {
        return probeType + "/" + symbol;
    }

    public String ifDescription() {
        return "Fake interface for probe " + ifName();
    }
}
