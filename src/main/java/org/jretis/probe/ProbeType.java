package org.jretis.probe;

/** Kinds of kernel probes, with Retis' names for them. */
public enum ProbeType {
    KPROBE("kprobe", "k"),
    KRETPROBE("kretprobe", "kr"),
    RAW_TRACEPOINT("raw_tracepoint", "tp");

    private final String jsonName;
    private final String shortName;

    ProbeType(String jsonName, String shortName) {
        this.jsonName = jsonName;
        this.shortName = shortName;
    }

    /** As in events files ({@code kernel.probe_type}) and pcap interface names. */
    public String jsonName() {
        return jsonName;
    }

    /** As in probe strings and text output ({@code [tp]}). */
    public String shortName() {
        return shortName;
    }

    /** The type a probe string's TYPE names, or null when it names none. */
    static ProbeType fromPrefix(String prefix) {
        return switch (prefix) {
            case "kprobe", "k" -> KPROBE;
            case "kretprobe", "kr" -> KRETPROBE;
            case "raw_tracepoint", "tp" -> RAW_TRACEPOINT;
            default -> null;
        };
    }
}
