package org.jretis.probe;

/**
 * A probe resolved against the running kernel, ready to attach.
 *
 * @param target    {@code group:name} for tracepoints
 * @param skbArg    index of the {@code struct sk_buff *} argument, or -1 when there is none
 * @param reasonArg index of the {@code enum skb_drop_reason} argument, or -1
 * @param stack     collect the kernel stack at this probe
 */
public record Probe(ProbeType type, String target, int skbArg, int reasonArg, boolean stack) {

    /** The tracepoint's name without its group, as raw tracepoints are attached. */
    public String tracepointName() {
        return target.substring(target.indexOf(':') + 1);
    }

    /** Retis' display form: {@code tp:net:netif_rx}. */
    public String display() {
        return (type == ProbeType.RAW_TRACEPOINT ? "tp" : type.jsonName()) + ":" + target;
    }
}
