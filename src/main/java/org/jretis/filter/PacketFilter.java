package org.jretis.filter;

import org.jretis.log.Log;

/**
 * A pcap-filter(7) expression compiled for the probes: libpcap compiles it for Ethernet frames
 * (must succeed) and for raw IP packets (optional: a filter that reads the link layer, or that
 * libpcap refuses for raw IP, becomes reject-all there), and each is translated to eBPF.
 *
 * @param expression the expression as given
 * @param l2         eBPF body for packets from their MAC header
 * @param l3         eBPF body for packets from their network header
 * @param hasL3      whether {@code l3} is a real filter rather than reject-all
 */
public record PacketFilter(String expression, long[] l2, long[] l3, boolean hasL3) {

    /** Compiles {@code expression}; a refusal names the expression and libpcap's reason. */
    public static PacketFilter compile(String expression) throws FilterException {
        long[] l2 = CbpfTranslator.translate(compile(expression, CbpfProgram.DLT_EN10MB));
        long[] l3 = null;
        if (expression.contains("ether[")) {
            Log.debug("Skipping L3 filter generation (filter reads the Ethernet header)");
        } else {
            try {
                l3 = CbpfTranslator.translate(Libpcap.compile(expression, CbpfProgram.DLT_RAW));
            } catch (FilterException e) {
                Log.debug("Skipping L3 filter generation (" + e.getMessage() + ")");
            }
        }
        return new PacketFilter(expression, l2, l3 == null ? CbpfTranslator.rejectAll() : l3, l3 != null);
    }

    /** libpcap's program for {@code expression} and link type, or a one-line refusal naming it. */
    static CbpfProgram compile(String expression, int linkType) throws FilterException {
        try {
            return Libpcap.compile(expression, linkType);
        } catch (FilterException e) {
            throw new FilterException("Invalid packet filter '" + expression + "': " + e.getMessage());
        }
    }

    /** The log line that says which filters run in the probes. */
    public String loadedMessage() {
        return (hasL3 ? "L2+L3" : "L2") + " packet filter(s) loaded";
    }
}
