package org.jretis.bpf;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Reads where a global variable sits in a data section (.rodata, .data, .bss) from an object's
 * BTF: the section's {@code BTF_KIND_DATASEC} type lists a {@code struct btf_var_secinfo}
 * {type, offset, size} per variable, and each {@code type} is a {@code BTF_KIND_VAR} naming it.
 * See <a href="https://docs.kernel.org/bpf/btf.html">the kernel's BTF documentation</a>.
 */
final class Btf {
    private static final int KIND_DATASEC = 15;
    /** struct btf_type {__u32 name_off; __u32 info; __u32 size_or_type;} */
    private static final long TYPE_SIZE = 12;
    private static final long INFO = 4;
    private static final int VLEN_MASK = 0xffff;
    /** struct btf_var_secinfo {__u32 type; __u32 offset; __u32 size;} */
    private static final long SECINFO_SIZE = 12;
    private static final long SECINFO_OFFSET = 4;
    private static final long SECINFO_LENGTH = 8;

    /** A global variable's place in its section's initial value. */
    record Variable(String name, long offset, long size) {}

    private Btf() {}

    /** The variable {@code name} of data section {@code section}, or null when BTF has no such thing. */
    @SuppressWarnings("restricted")
    static Variable find(MemorySegment btf, String section, String name) {
        if (btf.equals(MemorySegment.NULL)) {
            return null;
        }
        try (Arena arena = Arena.ofConfined()) {
            int id = (int) Native.BtfTypes.BTF_FIND_BY_NAME_KIND.invokeExact(btf, arena.allocateFrom(section),
                    KIND_DATASEC);
            if (id <= 0) {
                return null;
            }
            MemorySegment datasec = typeById(btf, id);
            int count = datasec.get(JAVA_INT, INFO) & VLEN_MASK;
            MemorySegment secinfos = datasec.reinterpret(TYPE_SIZE + count * SECINFO_SIZE).asSlice(TYPE_SIZE);
            for (int i = 0; i < count; i++) {
                long at = i * SECINFO_SIZE;
                MemorySegment variable = typeById(btf, secinfos.get(JAVA_INT, at));
                String variableName = Native.string(
                        (MemorySegment) Native.BtfTypes.BTF_NAME_BY_OFFSET.invokeExact(btf, variable.get(JAVA_INT, 0)));
                if (name.equals(variableName)) {
                    return new Variable(name, Integer.toUnsignedLong(secinfos.get(JAVA_INT, at + SECINFO_OFFSET)),
                            Integer.toUnsignedLong(secinfos.get(JAVA_INT, at + SECINFO_LENGTH)));
                }
            }
            return null;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    @SuppressWarnings("restricted")
    private static MemorySegment typeById(MemorySegment btf, int id) throws Throwable {
        MemorySegment type = (MemorySegment) Native.BtfTypes.BTF_TYPE_BY_ID.invokeExact(btf, id);
        if (type.equals(MemorySegment.NULL)) {
            throw new IllegalStateException("BTF has no type " + id);
        }
        return type.reinterpret(TYPE_SIZE);
    }
}
