package org.jretis.packet;

/** SCTP: the verification tag, then each chunk in brackets, the common ones with their fields. */
final class Sctp {
    private static final int HEADER = 12;
    private static final int CHUNK_HEADER = 4;
    private static final String[] CHUNK_NAMES = {
        "DATA", "INIT", "INIT_ACK", "SACK", "HEARTBEAT", "HEARTBEAT_ACK", "ABORT", "SHUTDOWN",
        "SHUTDOWN_ACK", "ERROR", "COOKIE_ECHO", "COOKIE_ACK", "ECNE", "CWR", "SHUTDOWN_COMPLETE",
    };

    private Sctp() {}

    /** @param length the SCTP packet length from the IP header */
    static void dissect(Frame f, int offset, int length) {
        f.need(offset, HEADER);
        f.out.append(" vtag ").append(Hex.of(f.u32(offset + 4)));
        int end = offset + length;
        for (int at = offset + HEADER; at + CHUNK_HEADER <= end; ) {
            int chunkLen = f.u16(at + 2);
            if (chunkLen < CHUNK_HEADER) {
                throw DissectionStop.truncated();
            }
            appendChunk(f, at);
            at += (chunkLen + 3) & ~3;
        }
    }

    private static void appendChunk(Frame f, int at) {
        int type = f.u8(at);
        StringBuilder out = f.out;
        out.append(" [");
        switch (type) {
            case 0 -> {
                int flags = f.u8(at + 1);
                out.append("DATA (")
                        .append((flags & 0x4) != 0 ? "U" : "")
                        .append((flags & 0x2) != 0 ? "B" : "")
                        .append((flags & 0x1) != 0 ? "E" : "")
                        .append(") TSN ").append(f.u32(at + 4))
                        .append(" SID ").append(f.u16(at + 8))
                        .append(" SSEQ ").append(f.u16(at + 10))
                        .append(" PPID ").append(Hex.of(f.u32(at + 12)));
            }
            case 1, 2 -> out.append(CHUNK_NAMES[type])
                    .append(" init_tag ").append(Hex.of(f.u32(at + 4)))
                    .append(" rwnd ").append(f.u32(at + 8))
                    .append(" OS ").append(f.u16(at + 12))
                    .append(" MIS ").append(f.u16(at + 14))
                    .append(" init_TSN ").append(f.u32(at + 16));
            case 3 -> out.append("SACK cum_ack ").append(f.u32(at + 4))
                    .append(" a_rwnd ").append(f.u32(at + 8))
                    .append(" #gap_acks ").append(f.u16(at + 12))
                    .append(" #dup_tsns ").append(f.u16(at + 14));
            default -> out.append(type < CHUNK_NAMES.length ? CHUNK_NAMES[type] : "UNKNOWN:" + type);
        }
        out.append(']');
    }
}
