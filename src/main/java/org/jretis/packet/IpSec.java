package org.jretis.packet;

/** AH, whose protected payload is dissected further, and ESP, whose encrypted payload is not. */
final class IpSec {
    private static final int AH_FIXED = 12;
    private static final int ESP_HEADER = 8;

    private IpSec() {}

    /** @param length the AH header and payload length from the IP header */
    static void ah(Frame f, int offset, int length) {
        f.need(offset, AH_FIXED);
        int next = f.u8(offset);
        int headerLen = (f.u8(offset + 1) + 2) * 4;
        if (headerLen < AH_FIXED) {
            throw DissectionStop.truncated();
        }
        appendSpiSeq(f, offset + 4);
        f.out.append(" icv ").append(f.hexBytes(offset + AH_FIXED, offset + headerLen));
        IpProtocols.append(f.out, next);
        IpProtocols.dissect(f, next, offset + headerLen, length - headerLen);
    }

    static void esp(Frame f, int offset) {
        f.need(offset, ESP_HEADER);
        appendSpiSeq(f, offset);
    }

    /** {@code  spi 0x%08x seq 0x..} from the two words at {@code spiOffset}. */
    private static void appendSpiSeq(Frame f, int spiOffset) {
        f.out.append(" spi ").append(Hex.prefixed(f.u32(spiOffset), 8))
                .append(" seq ").append(Hex.of(f.u32(spiOffset + 4)));
    }
}
