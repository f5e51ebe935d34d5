package org.jretis.btf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jretis.log.Log;

/**
 * The kernel's type information (BTF), read from {@code /sys/kernel/btf/vmlinux} in plain Java:
 * enough to find a tracepoint's or function's argument types, an enum's values and a struct's
 * members. A module's BTF ({@code /sys/kernel/btf/<module>}) is split BTF on top of vmlinux: its
 * type ids and string offsets continue from the base's, and its types refer to the base's freely.
 * Modules are read on demand ({@link #module}), never all at start-up.
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
    /** Lookups of a kind answered by a scan before that kind's names are indexed. */
    private static final int SCANNED_LOOKUPS = 16;
    /** Words of a type record before its kind-specific data: name offset, info, size or type. */
    private static final int HEADER_WORDS = 3;

    private final ByteBuffer buf;
    private final int stringsStart;
    private final int stringsLen;
    /** The BTF this one is split from (vmlinux for a module), or null. */
    private final Btf base;
    /** The first type id and string offset of this BTF's own: where the base's end. */
    private final int firstId;
    private final int firstString;
    /** Offset in {@link #buf} of each own type's record, by type id minus {@link #firstId} (vmlinux: id 0 is void). */
    private final int[] typeAt;
    /** Where module BTF files are ({@code /sys/kernel/btf}), or null when this BTF has no modules. */
    private final Path moduleDir;
    private final Map<String, Optional<Btf>> modules = new HashMap<>();
    /** By kind: lookups so far, and the index of names once built. */
    private final Map<Integer, Integer> lookups = new HashMap<>();
    private final Map<Integer, Map<String, Integer>> indexes = new HashMap<>();

    private Btf(ByteBuffer buf, Btf base, Path moduleDir) throws BtfException {
        this.buf = buf.order(ByteOrder.LITTLE_ENDIAN);
        if (buf.limit() < 24 || Short.toUnsignedInt(buf.getShort(0)) != MAGIC) {
            throw new BtfException("not BTF data (bad magic)");
        }
        this.base = base;
        this.moduleDir = moduleDir;
        this.firstId = base == null ? 0 : base.typeCount();
        this.firstString = base == null ? 0 : base.firstString + base.stringsLen;
        int hdrLen = buf.getInt(4);
        int typeOff = hdrLen + buf.getInt(8);
        int typeLen = buf.getInt(12);
        this.stringsStart = hdrLen + buf.getInt(16);
        this.stringsLen = buf.getInt(20);
        int[] offsets = new int[base == null ? 1 << 17 : 1 << 10];
        int count = 0;
        if (base == null) {
            offsets[count++] = -1;
        }
        for (int at = typeOff; at < typeOff + typeLen; ) {
            if (count == offsets.length) {
                offsets = Arrays.copyOf(offsets, count * 2);
            }
            offsets[count++] = at;
            at += TYPE_HEADER + extraSize(at);
        }
        this.typeAt = Arrays.copyOf(offsets, count);
    }

    /** Reads the running kernel's BTF; its modules' are read when first asked for. */
    public static Btf kernel() throws BtfException {
        return kernel(VMLINUX.getParent());
    }

    /** Reads {@code vmlinux} in a directory laid out as /sys/kernel/btf, its modules beside it. */
    static Btf kernel(Path dir) throws BtfException {
        return read(dir.resolve(VMLINUX.getFileName()), null, dir);
    }

    public static Btf read(Path path) throws BtfException {
        return read(path, null, null);
    }

    /** Reads split BTF (a module's) on top of {@code base}. */
    public static Btf read(Path path, Btf base) throws BtfException {
        return read(path, base, null);
    }

    private static Btf read(Path path, Btf base, Path moduleDir) throws BtfException {
        try {
            return new Btf(ByteBuffer.wrap(Files.readAllBytes(path)), base, moduleDir);
        } catch (IOException e) {
            throw new BtfException("cannot read BTF from " + path + ": " + e.getMessage());
        }
    }

    /** Parses BTF data held in memory, e.g. the {@code .BTF} section of a compiled BPF object. */
    public static Btf parse(byte[] data) throws BtfException {
        return new Btf(ByteBuffer.wrap(data), null, null);
    }

    /**
     * A loaded module's BTF, split on top of this one, read on first use; empty when the module
     * is not loaded (or has no BTF) or this BTF is not the running kernel's.
     */
    public Optional<Btf> module(String name) {
        if (moduleDir == null || name.isEmpty() || name.contains("/") || name.equals(VMLINUX.getFileName().toString())) {
            return Optional.empty();
        }
        return modules.computeIfAbsent(name, n -> {
            Path file = moduleDir.resolve(n);
            if (!Files.isReadable(file)) {
                return Optional.empty();
            }
            try {
                return Optional.of(read(file, this));
            } catch (BtfException e) {
                Log.debug("module BTF " + n + ": " + e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** The names of the loaded modules that have BTF, sorted. */
    public List<String> moduleNames() {
        if (moduleDir == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(moduleDir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> !n.equals(VMLINUX.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Type ids end here: the base's types count in, and vmlinux' void (id 0). */
    public int typeCount() {
        return firstId + typeAt.length;
    }

    /** Word {@code index} of a type's record, wherever (this BTF or its base) the type is. */
    private int word(int id, int index) {
        if (id < firstId) {
            return base.word(id, index);
        }
        return buf.getInt(typeAt[id - firstId] + 4 * index);
    }

    /** Word {@code index} of a type's kind-specific data. */
    private int extra(int id, int index) {
        return word(id, HEADER_WORDS + index);
    }

    int kind(int id) {
        return (word(id, 1) >>> 24) & 0x1f;
    }

    int vlen(int id) {
        return word(id, 1) & 0xffff;
    }

    private boolean kindFlag(int id) {
        return (word(id, 1) >>> 31) != 0;
    }

    /** Size for ints, structs, unions, enums; referenced type id for the others. */
    int sizeOrType(int id) {
        return word(id, 2);
    }

    public String name(int id) {
        return id == 0 ? "void" : string(word(id, 0));
    }

    /**
     * The id of the first type of this BTF's own (not its base's) with this name and kind, or -1.
     * A scan rather than a name index: a collection looks up a handful of names, and indexing the
     * kernel's ~150k types would cost more start-up time than all those scans.
     */
    public int find(String name, int kind) {
        byte[] wanted = name.getBytes(StandardCharsets.US_ASCII);
        for (int i = base == null ? 1 : 0; i < typeAt.length; i++) {
            int at = typeAt[i];
            if (((buf.getInt(at + 4) >>> 24) & 0x1f) == kind && nameIs(buf.getInt(at), wanted)) {
                return firstId + i;
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
            case KIND_FWD -> (kindFlag(real) ? "union " : "struct ") + name(real);
            default -> name(real);
        };
    }

    /**
     * A tracepoint's argument types, from its {@code btf_trace_<name>} prototype, without the
     * leading {@code void *} context: index i here is raw tracepoint argument i.
     */
    public List<String> tracepointArgs(String name) throws BtfException {
        int typedef = findIndexed("btf_trace_" + name, KIND_TYPEDEF);
        if (typedef < 0) {
            throw new BtfException("no BTF prototype for tracepoint " + name);
        }
        int proto = resolve(sizeOrType(resolve(sizeOrType(typedef))));
        if (kind(proto) != KIND_FUNC_PROTO) {
            throw new BtfException("btf_trace_" + name + " is not a function pointer");
        }
        return params(proto, 1);
    }

    /**
     * A function's parameter types, from its {@code FUNC → FUNC_PROTO} record: index i here is
     * the function's parameter i, as a kprobe sees it.
     */
    public List<String> functionParams(String name) throws BtfException {
        int func = findIndexed(name, KIND_FUNC);
        if (func < 0) {
            throw new BtfException("no BTF prototype for function " + name);
        }
        return params(sizeOrType(func), 0);
    }

    /**
     * The id of a type of this BTF's own with this name and kind, or -1: as {@link #find} for the
     * first few lookups of a kind; a wildcard over thousands of functions or tracepoints
     * (inspect -p '*') then gets an index of that kind's names, built once.
     */
    private int findIndexed(String name, int kind) {
        Map<String, Integer> index = indexes.get(kind);
        if (index == null && lookups.merge(kind, 1, Integer::sum) <= SCANNED_LOOKUPS) {
            return find(name, kind);
        }
        if (index == null) {
            index = new HashMap<>();
            for (int i = base == null ? 1 : 0; i < typeAt.length; i++) {
                if (((buf.getInt(typeAt[i] + 4) >>> 24) & 0x1f) == kind) {
                    index.putIfAbsent(string(buf.getInt(typeAt[i])), firstId + i);
                }
            }
            indexes.put(kind, index);
        }
        return index.getOrDefault(name, -1);
    }

    /** The types of a FUNC_PROTO's parameters from {@code first} on. */
    private List<String> params(int proto, int first) throws BtfException {
        if (kind(proto) != KIND_FUNC_PROTO) {
            throw new BtfException(name(proto) + " is not a function prototype");
        }
        List<String> args = new ArrayList<>();
        for (int i = first; i < vlen(proto); i++) {
            args.add(typeName(extra(proto, 2 * i + 1)));
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
        for (int i = 0; i < vlen(id); i++) {
            if (wide) {
                long v = Integer.toUnsignedLong(extra(id, 3 * i + 1)) | ((long) extra(id, 3 * i + 2) << 32);
                values.putIfAbsent(v, string(extra(id, 3 * i)));
            } else {
                values.putIfAbsent((long) extra(id, 2 * i + 1), string(extra(id, 2 * i)));
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
        boolean bitfields = kindFlag(id);
        for (int i = 0; i < vlen(id); i++) {
            int nameOff = extra(id, 3 * i);
            int type = extra(id, 3 * i + 1);
            int offset = extra(id, 3 * i + 2);
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
            case KIND_ARRAY -> size(extra(real, 0)) * Integer.toUnsignedLong(extra(real, 2));
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
            case KIND_INT -> ((extra(real, 0) >>> 24) & 1) != 0;
            case KIND_ENUM, KIND_ENUM64 -> kindFlag(real);
            default -> false;
        };
    }

    /** What a pointer points to, or an array's element type. */
    public int target(int id) {
        int real = resolve(id);
        return kind(real) == KIND_ARRAY ? extra(real, 0) : sizeOrType(real);
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
        if (offset < firstString) {
            return base.nameIs(offset, wanted);
        }
        int start = stringsStart + offset - firstString;
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
        if (offset < firstString) {
            return base.string(offset);
        }
        int start = stringsStart + offset - firstString;
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
