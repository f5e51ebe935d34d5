package org.jretis.packet;

/**
 * Ends a dissection early: the bytes run out, or a layer is not dissected. Thrown from deep inside
 * the layers and caught once by {@link PacketDissector}, which keeps the text written so far and
 * appends {@link #suffix()}. Carries no stack trace: it is control flow, not an error.
 */
final class DissectionStop extends RuntimeException {

    private DissectionStop(String suffix) {
        super(suffix, null, false, false);
    }

    static DissectionStop truncated() {
        return new DissectionStop("... (truncated or incomplete packet)");
    }

    static DissectionStop unsupported(String what) {
        return new DissectionStop("... (" + what + " not supported, use 'retis pcap')");
    }

    static DissectionStop unsupportedEthertype(int ethertype) {
        return unsupported("ethertype " + Hex.prefixed(ethertype, 4));
    }

    static DissectionStop unsupportedProtocol(int protocol) {
        return unsupported("protocol " + Hex.prefixed(protocol, 2));
    }

    String suffix() {
        return getMessage();
    }
}
