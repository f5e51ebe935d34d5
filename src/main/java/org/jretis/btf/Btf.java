package org.jretis.btf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel's type information (BTF), read from {@code /sys/kernel/btf/vmlinux} in plain Java:
 * enough to find a tracepoint's argument types, an enum's values and a struct's members.
 * Format: linux/Documentation/bpf/btf.rst.
 */
public final class Btf {
    public static final Path VMLINUX = Path.of("/sys/kernel/btf/vmlinux");

    static final int KIND_INT = 1;
    static final int KIND_PTR = 2;
    static final int KIND_ARRAY = 3;
    static final int KIND_STRUCT = 4;
    static final int KIND_UNION = 5;
    static final int KIND_ENUM = 6;
    static final int KIND_FWD = 7;
    static final int KIND_TYPEDEF = 8;
    static final int KIND_VOLATILE = 9;
    static final int KIND_CONST = 10;
    static final int KIND_RESTRICT = 11;
    static final int KIND_FUNC = 12;
    static final int KIND_FUNC_PROTO = 13;
    static final int KIND_VAR = 14;
    static final int KIND_DATASEC = 15;
    static final int KIND_FLOAT = 16;
    static final int KIND_DECL_TAG = 17;
    static final int KIND_TYPE_TAG = 18;
    static final int KIND_ENUM64 = 19;
    private static final int MAGIC = 0xeB9F;
    private static final int TYPE_HEADER = 12;

    private final ByteBuffer buf;
    private final int stringsStart;
    private final int stringsLen;
    /** Offset in {@link #buf} of each type's record, by type id (id 0 is void). */
    private final int[] typeAt;

    private Btf(ByteBuffer buf) throws BtfException {
        this.buf = buf.order(ByteOrder.LITTLE_ENDIAN);
        if (Short.toUnsignedInt(buf.getShort(0)) != MAGIC) {
            throw new BtfException("not BTF data (bad magic)");
        }
        int hdrLen = buf.getInt(4);
        int typeOff = hdrLen + buf.getInt(8);
        int typeLen = buf.getInt(12);
        this.stringsStart = hdrLen + buf.getInt(16);
        this.stringsLen = buf.getInt(20);
        int[] offsets = new int[1 << 17];
        int count = 1;
        offsets[0] = -1;
        for (int at = typeOff; at < typeOff + typeLen; ) {
            if (count == offsets.length) {
                offsets = Arrays.copyOf(offsets, count * 2);
            }
            offsets[count++] = at;
            at += TYPE_HEADER + extraSize(at);
        }
        this.typeAt = Arrays.copyOf(offsets, count);
    }

    /** Reads the running kernel's BTF. */
    public static Btf kernel() throws BtfException {
        return read(VMLINUX);
    }

    public static Btf read(Path path) throws BtfException {
        try {
            return new Btf(ByteBuffer.wrap(Files.readAllBytes(path)));
        } catch (IOException e) {
            throw new BtfException("cannot read BTF from " + path + ": " + e.getMessage());
        }
    }

    /** Parses BTF data held in memory, e.g. the {@code .BTF} section of a compiled BPF object. */
    public static Btf parse(byte[] data) throws BtfException {
        return new Btf(ByteBuffer.wrap(data));
    }

    public int typeCount() {
        return typeAt.length;
    }

    int kind(int id) {
        return (buf.getInt(typeAt[id] + 4) >>> 24) & 0x1f;
    }

    int vlen(int id) {
        return buf.getInt(typeAt[id] + 4) & 0xffff;
    }

    /** Size for ints, structs, unions, enums; referenced type id for the others. */
    int sizeOrType(int id) {
        return buf.getInt(typeAt[id] + 8);
    }

    public String name(int id) {
        return id == 0 ? "void" : string(buf.getInt(typeAt[id]));
    }

    /**
     * The id of the first type with this name and kind, or -1. A scan rather than a name index:
     * a collection looks up a handful of names, and indexing the kernel's ~150k types would cost
     * more start-up time than all those scans.
     */
    public int find(String name, int kind) {
        byte[] wanted = name.getBytes(StandardCharsets.US_ASCII);
        for (int id = 1; id < typeAt.length; id++) {
            if (kind(id) == kind && nameIs(buf.getInt(typeAt[id]), wanted)) {
                return id;
            }
        }
        return -1;
    }

    /** Follows typedefs and modifiers (const, volatile, restrict, type tags) to the real type. */
    public int resolve(int id) {
        while (id != 0) {
            int k = kind(id);
            if (k != KIND_TYPEDEF && k != KIND_VOLATILE && k != KIND_CONST && k != KIND_RESTRICT && k != KIND_TYPE_TAG) {
                return id;
            }
            id = sizeOrType(id);
        }
        return 0;
    }

    /**
     * The C spelling of a type as far as argument matching needs it: {@code struct sk_buff *},
     * {@code enum skb_drop_reason}, {@code void *}, {@code int}; qualifiers are dropped.
     */
    public String typeName(int id) {
        int real = resolveModifiers(id);
        if (real == 0) {
            return "void";
        }
        return switch (kind(real)) {
            case KIND_PTR -> typeName(sizeOrType(real)) + " *";
            case KIND_STRUCT -> "struct " + name(real);
            case KIND_UNION -> "union " + name(real);
            case KIND_ENUM, KIND_ENUM64 -> "enum " + name(real);
            case KIND_FWD -> ((buf.getInt(typeAt[real] + 4) >>> 31) != 0 ? "union " : "struct ") + name(real);
            default -> name(real);
        };
    }

    /**
     * A tracepoint's argument types, from its {@code btf_trace_<name>} prototype, without the
     * leading {@code void *} context: index i here is raw tracepoint argument i.
     */
    public List<String> tracepointArgs(String name) throws BtfException {
        int typedef = find("btf_trace_" + name, KIND_TYPEDEF);
        if (typedef < 0) {
            throw new BtfException("no BTF prototype for tracepoint " + name);
        }
        int proto = resolve(sizeOrType(resolve(sizeOrType(typedef))));
        if (kind(proto) != KIND_FUNC_PROTO) {
            throw new BtfException("btf_trace_" + name + " is not a function pointer");
        }
        List<String> args = new ArrayList<>();
        int params = typeAt[proto] + TYPE_HEADER;
        for (int i = 1; i < vlen(proto); i++) {
            args.add(typeName(buf.getInt(params + 8 * i + 4)));
        }
        return args;
    }

    /** An enum's constants, value → name, in declaration order. */
    public Map<Long, String> enumValues(String name) throws BtfException {
        int id = find(name, KIND_ENUM);
        boolean wide = false;
        if (id < 0) {
            id = find(name, KIND_ENUM64);
            wide = true;
        }
        if (id < 0) {
            throw new BtfException("no enum " + name + " in BTF");
        }
        Map<Long, String> values = new LinkedHashMap<>();
        int at = typeAt[id] + TYPE_HEADER;
        for (int i = 0; i < vlen(id); i++) {
            if (wide) {
                long v = Integer.toUnsignedLong(buf.getInt(at + 12 * i + 4))
                        | ((long) buf.getInt(at + 12 * i + 8) << 32);
                values.putIfAbsent(v, string(buf.getInt(at + 12 * i)));
            } else {
                values.putIfAbsent((long) buf.getInt(at + 8 * i + 4), string(buf.getInt(at + 8 * i)));
            }
        }
        return values;
    }

    /**
     * A member of a struct or union, looked for in anonymous members too.
     *
     * @return the member, or null when there is none by that name
     */
    public Member member(int structId, String memberName) {
        int id = resolve(structId);
        int k = kind(id);
        if (k != KIND_STRUCT && k != KIND_UNION) {
            return null;
        }
        boolean bitfields = (buf.getInt(typeAt[id] + 4) >>> 31) != 0;
        int at = typeAt[id] + TYPE_HEADER;
        for (int i = 0; i < vlen(id); i++) {
            int nameOff = buf.getInt(at + 12 * i);
            int type = buf.getInt(at + 12 * i + 4);
            int offset = buf.getInt(at + 12 * i + 8);
            long bitOffset = bitfields ? offset & 0xffffff : Integer.toUnsignedLong(offset);
            int bitSize = bitfields ? offset >>> 24 : 0;
            if (nameOff == 0) {
                Member inner = member(type, memberName);
                if (inner != null) {
                    return new Member(inner.name(), inner.type(), bitOffset + inner.bitOffset(), inner.bitSize());
                }
            } else if (string(nameOff).equals(memberName)) {
                return new Member(memberName, type, bitOffset, bitSize);
            }
        }
        return null;
    }

    /** Size in bytes of a type (pointers are 8 bytes). */
    public long size(int id) {
        int real = resolve(id);
        return switch (kind(real)) {
            case KIND_PTR -> 8;
            case KIND_ARRAY -> {
                int at = typeAt[real] + TYPE_HEADER;
                yield size(buf.getInt(at)) * Integer.toUnsignedLong(buf.getInt(at + 8));
            }
            case KIND_INT, KIND_STRUCT, KIND_UNION, KIND_ENUM, KIND_ENUM64, KIND_FLOAT -> Integer.toUnsignedLong(sizeOrType(real));
            default -> 0;
        };
    }

    /** The id of the struct called {@code name}, or -1. */
    public int struct(String name) {
        return find(name, KIND_STRUCT);
    }

    /** Whether the type, typedefs and modifiers resolved, is a pointer. */
    public boolean isPointer(int id) {
        return kind(resolve(id)) == KIND_PTR;
    }

    public boolean isArray(int id) {
        return kind(resolve(id)) == KIND_ARRAY;
    }

    /** Whether the type is a struct or union. */
    public boolean isComposite(int id) {
        int k = kind(resolve(id));
        return k == KIND_STRUCT || k == KIND_UNION;
    }

    /** Whether the type is an integer or enum (what can be compared with a number). */
    public boolean isInteger(int id) {
        int k = kind(resolve(id));
        return k == KIND_INT || k == KIND_ENUM || k == KIND_ENUM64;
    }

    /** Whether the type is a signed integer (BTF_INT_SIGNED) or an enum with signed values. */
    public boolean isSigned(int id) {
        int real = resolve(id);
        return switch (kind(real)) {
            case KIND_INT -> ((buf.getInt(typeAt[real] + TYPE_HEADER) >>> 24) & 1) != 0;
            case KIND_ENUM, KIND_ENUM64 -> (buf.getInt(typeAt[real] + 4) >>> 31) != 0;
            default -> false;
        };
    }

    /** What a pointer points to, or an array's element type. */
    public int target(int id) {
        int real = resolve(id);
        return kind(real) == KIND_ARRAY ? buf.getInt(typeAt[real] + TYPE_HEADER) : sizeOrType(real);
    }

    /** A struct member: its type id and its position in bits from the struct's start. */
    public record Member(String name, int type, long bitOffset, int bitSize) {}

    private int resolveModifiers(int id) {
        while (id != 0) {
            int k = kind(id);
            if (k != KIND_VOLATILE && k != KIND_CONST && k != KIND_RESTRICT && k != KIND_TYPE_TAG) {
                return id;
            }
            id = sizeOrType(id);
        }
        return 0;
    }

    /** Whether the string at {@code offset} is {@code wanted}, compared in place. */
    private boolean nameIs(int offset, byte[] wanted) {
        int start = stringsStart + offset;
        if (offset == 0 || start + wanted.length >= stringsStart + stringsLen) {
            return false;
        }
        for (int i = 0; i < wanted.length; i++) {
            if (buf.get(start + i) != wanted[i]) {
                return false;
            }
        }
        return buf.get(start + wanted.length) == 0;
    }

    private int extraSize(int at) {
        int info = buf.getInt(at + 4);
        int vlen = info & 0xffff;
        return switch ((info >>> 24) & 0x1f) {
            case KIND_INT, KIND_VAR, KIND_DECL_TAG -> 4;
            case KIND_ARRAY -> 12;
            case KIND_STRUCT, KIND_UNION, KIND_DATASEC, KIND_ENUM64 -> 12 * vlen;
            case KIND_ENUM, KIND_FUNC_PROTO -> 8 * vlen;
            default -> 0;
        };
    }

    private String string(int offset) {
        int start = stringsStart + offset;
        int end = start;
        int limit = stringsStart + stringsLen;
        while (end < limit && buf.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - start];
        buf.get(start, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
