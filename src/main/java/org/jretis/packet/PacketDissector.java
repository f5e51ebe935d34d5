package org.jretis.packet;

/**
 * Writes Retis' one-line description of a captured packet, from its Ethernet header on: the link
 * layer (only when asked, Retis' {@code -e}), then the network and transport layers. Where the
 * captured bytes end too early, or a layer is not dissected, the text written so far is kept and
 * Retis' suffix is appended without a space: {@code ... (truncated or incomplete packet)} or
 * {@code ... (protocol 0x2f not supported, use 'retis pcap')}.
 */
public final class PacketDissector {

    private PacketDissector() {}

    /**
     * Appends the description of the packet.
     *
     * @param data       the captured bytes, starting at the Ethernet header
     * @param captureLen how many of them were captured (the rest of {@code data} is ignored)
     * @param linkLayer  whether to write the Ethernet and VLAN headers
     */
    public static void append(StringBuilder out, byte[] data, int captureLen, boolean linkLayer) {
        try {
            LinkLayer.ethernet(new Frame(out, data, captureLen, linkLayer), 0);
        } catch (DissectionStop stop) {
            out.append(stop.suffix());
        }
    }

    /** The description of the packet; see {@link #append}. */
    public static String describe(byte[] data, int captureLen, boolean linkLayer) {
        StringBuilder out = new StringBuilder(128);
        append(out, data, captureLen, linkLayer);
        return out.toString();
    }
}
