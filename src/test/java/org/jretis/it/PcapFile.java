package org.jretis.it;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the frames of a classic pcap file (what {@code tcpdump -w} writes). */
final class PcapFile {
    private static final int MAGIC_MICROS = 0xa1b2c3d4;
    private static final int MAGIC_NANOS = 0xa1b23c4d;
    private static final int LINKTYPE_ETHERNET = 1;

    /** One record: the captured bytes and the frame's length on the wire. */
    record Record(byte[] data, int wireLength) {}

    private PcapFile() {}

    static List<Record> read(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int magic = in.getInt(0);
        if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
            in.order(ByteOrder.BIG_ENDIAN);
            magic = in.getInt(0);
            if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
                throw new IOException(file + ": not a pcap file");
            }
        }
        if (in.getInt(20) != LINKTYPE_ETHERNET) {
            throw new IOException(file + ": link type " + in.getInt(20) + ", expected Ethernet");
        }
        List<Record> records = new ArrayList<>();
        in.position(24);
        while (in.remaining() >= 16) {
            in.getInt();
            in.getInt();
            int captured = in.getInt();
            int wire = in.getInt();
            byte[] data = new byte[captured];
            in.get(data);
            records.add(new Record(data, wire));
        }
        return records;
    }

    /** The first {@code n} bytes (all of them when shorter). */
    static byte[] head(byte[] data, int n) {
        return Arrays.copyOf(data, Math.min(n, data.length));
    }
}
