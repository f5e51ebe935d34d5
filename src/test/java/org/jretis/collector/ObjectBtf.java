package org.jretis.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.jretis.btf.Btf;
import org.jretis.btf.BtfException;

/**
 * The BTF of a committed BPF object (its {@code .BTF} ELF section), to check the record layouts
 * Java reads against the structs the C code writes: a C change Java does not follow fails here.
 */
public final class ObjectBtf {
    private ObjectBtf() {}

    /** The BTF of {@code org/jretis/bpf/<name>}. */
    public static Btf of(String name) throws IOException, BtfException {
        byte[] elf;
        try (InputStream in = ObjectBtf.class.getResourceAsStream("/org/jretis/bpf/" + name)) {
            assertThat(in).as("BPF object " + name).isNotNull();
            elf = in.readAllBytes();
        }
        return Btf.parse(section(elf, ".BTF"));
    }

    /** Asserts that struct {@code struct} is {@code size} bytes with each member at its byte offset. */
    public static void assertLayout(Btf btf, String struct, int size, Map<String, Integer> offsets) {
        int id = btf.struct(struct);
        assertThat(id).as("struct " + struct + " in the object's BTF").isPositive();
        assertThat(btf.size(id)).as("sizeof(struct " + struct + ")").isEqualTo(size);
        offsets.forEach((member, offset) -> {
            Btf.Member m = btf.member(id, member);
            assertThat(m).as(struct + "." + member).isNotNull();
            assertThat(m.bitOffset()).as("offsetof(struct " + struct + ", " + member + ") * 8").isEqualTo(offset * 8L);
        });
    }

    /** The bytes of an ELF64 little-endian section, by name. */
    private static byte[] section(byte[] elf, String name) {
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        long shoff = b.getLong(0x28);
        int shentsize = Short.toUnsignedInt(b.getShort(0x3a));
        int shnum = Short.toUnsignedInt(b.getShort(0x3c));
        int shstrndx = Short.toUnsignedInt(b.getShort(0x3e));
        int names = (int) b.getLong((int) (shoff + (long) shstrndx * shentsize) + 0x18);
        byte[] wanted = (name + "\0").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < shnum; i++) {
            int header = (int) (shoff + (long) i * shentsize);
            int nameAt = names + b.getInt(header);
            if (Arrays.equals(elf, nameAt, nameAt + wanted.length, wanted, 0, wanted.length)) {
                int offset = (int) b.getLong(header + 0x18);
                return Arrays.copyOfRange(elf, offset, offset + (int) b.getLong(header + 0x20));
            }
        }
        throw new AssertionError("no section " + name);
    }
}
