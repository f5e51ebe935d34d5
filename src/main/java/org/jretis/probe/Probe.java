package org.jretis.probe;

/**
 * A probe resolved against the running kernel, ready to attach. Argument indexes are raw
 * tracepoint argument indexes, -1 when the tracepoint has no such argument (or no enabled
 * collector reads it).
 *
 * @param target     {@code group:name} for tracepoints
 * @param skbArg     index of the {@code struct sk_buff *} argument
 * @param reasonArg  index of the {@code enum skb_drop_reason} argument
 * @param devArg     index of the {@code struct net_device *} argument
 * @param netArg     index of the {@code struct net *} argument
 * @param stack      collect the kernel stack at this probe
 * @param noTracking the skb may already be freed here: report a packet's id, never start one
 * @param unit       the program of a collector unit that runs at this function in place of the
 *                   generic one (nft's at {@code __nft_trace_packet}), or null
 */
public record Probe(ProbeType type, String target, int skbArg, int reasonArg, int devArg, int netArg,
                    boolean stack, boolean noTracking, UnitProgram unit) {

    /** The tracepoint's name without its group, as raw tracepoints are attached. */
    public String tracepointName() {
        return target.substring(target.indexOf(':') + 1);
    }

    /** Retis' display form: {@code tp:net:netif_rx}. */
    public String display() {
        return (type == ProbeType.RAW_TRACEPOINT ? "tp" : type.jsonName()) + ":" + target;
    }
}
