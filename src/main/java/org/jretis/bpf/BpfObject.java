package org.jretis.bpf;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A BPF ELF object opened by libbpf: its maps and programs, its read-only globals (settable until
 * it is loaded), then the kernel load. Closing it destroys the links made through its programs
 * and frees what libbpf created for it, nothing else. Not thread-safe.
 */
public final class BpfObject implements AutoCloseable {
    private static final String RODATA = ".rodata";

    private final String name;
    /** Owns the ELF bytes and every segment handed out, so none outlives the object. */
    private final Arena arena;
    private final MemorySegment object;
    private final Map<String, BpfMap> maps = new HashMap<>();
    private final Map<String, BpfProgram> programs = new HashMap<>();
    private final Set<BpfLink> links = new LinkedHashSet<>();
    private boolean loaded;
    private boolean closed;

    private BpfObject(String name, Arena arena, MemorySegment object) {
        this.name = name;
        this.arena = arena;
        this.object = object;
    }

    /** Opens (parses, does not load) the BPF ELF object {@code elf}, naming it {@code name}. */
    public static BpfObject open(String name, byte[] elf) throws BpfException {
        BpfLog.install();
        FunctionPatches.register();
        Arena arena = Arena.ofShared();
        MemorySegment object;
        int errno;
        try (Arena call = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(elf.length, 8);
            buffer.copyFrom(MemorySegment.ofArray(elf));
            OpenOpts opts = new OpenOpts(call, name);
            MemorySegment state = Native.newErrnoState(call);
            object = (MemorySegment) Native.Objects.OBJECT_OPEN_MEM.invokeExact(state, buffer, buffer.byteSize(),
                    opts.segment);
            errno = Native.errno(state);
        } catch (Throwable t) {
            arena.close();
            throw Native.unexpected(t);
        }
        if (object.equals(MemorySegment.NULL)) {
            arena.close();
            throw new BpfException("cannot open BPF object", name, errno);
        }
        return new BpfObject(name, arena, object);
    }

    /**
     * Opens the object stored as class path resource {@code path} (for example
     * {@code "bpf/probe.bpf.o"}), named after the file without its extensions.
     */
    public static BpfObject openResource(String path) throws IOException {
        byte[] elf;
        try (InputStream in = BpfObject.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new BpfException("no BPF object " + path + " on the class path");
            }
            elf = in.readAllBytes();
        }
        String file = path.substring(path.lastIndexOf('/') + 1);
        int dot = file.indexOf('.');
        return open(dot > 0 ? file.substring(0, dot) : file, elf);
    }

    public String name() {
        return name;
    }

    /** The map called {@code mapName} in the C source (".rodata" for the read-only globals). */
    public BpfMap map(String mapName) throws BpfException {
        checkOpen();
        BpfMap map = maps.get(mapName);
        if (map == null) {
            MemorySegment pointer = find(Native.Objects.OBJECT_FIND_MAP, mapName);
            if (pointer.equals(MemorySegment.NULL)) {
                throw new BpfException("BPF object '" + name + "' has no map '" + mapName + "'");
            }
            map = new BpfMap(mapName, pointer);
            maps.put(mapName, map);
        }
        return map;
    }

    /** Whether the C source declares a map called {@code mapName}. */
    public boolean hasMap(String mapName) throws BpfException {
        checkOpen();
        return maps.containsKey(mapName) || !find(Native.Objects.OBJECT_FIND_MAP, mapName).equals(MemorySegment.NULL);
    }

    /** The program whose C function is called {@code programName}. */
    public BpfProgram program(String programName) throws BpfException {
        checkOpen();
        BpfProgram program = programs.get(programName);
        if (program == null) {
            MemorySegment pointer = find(Native.Objects.OBJECT_FIND_PROGRAM, programName);
            if (pointer.equals(MemorySegment.NULL)) {
                throw new BpfException("BPF object '" + name + "' has no program '" + programName + "'");
            }
            program = new BpfProgram(this, programName, pointer);
            programs.put(programName, program);
        }
        return program;
    }

    /**
     * The initial value of the read-only globals ({@code const volatile} in C), writable until
     * {@link #load()}: what is written here is what the programs see.
     */
    @SuppressWarnings("restricted")
    public MemorySegment rodata() throws BpfException {
        checkNotLoaded("change .rodata");
        MemorySegment map = map(RODATA).pointer();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment size = call.allocate(JAVA_LONG);
            MemorySegment value = (MemorySegment) Native.Objects.MAP_INITIAL_VALUE.invokeExact(map, size);
            if (value.equals(MemorySegment.NULL)) {
                throw new BpfException("BPF object '" + name + "' has no initial value for .rodata");
            }
            return value.reinterpret(size.get(JAVA_LONG, 0), arena, null);
        } catch (BpfException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /**
     * Sets the read-only integer global {@code variable} (of 1, 2, 4 or 8 bytes) to {@code value},
     * before {@link #load()}. Its place is read from the object's BTF.
     */
    public void setRodata(String variable, long value) throws BpfException {
        MemorySegment slot = rodataVariable(variable);
        long size = slot.byteSize();
        long bits = size * Byte.SIZE;
        // Accept the value if it fits either signed or unsigned: C globals may be either.
        if (size < Long.BYTES && (value < -(1L << (bits - 1)) || value > (1L << bits) - 1)) {
            throw new IllegalArgumentException(value + " does not fit in " + size + "-byte global '" + variable + "'");
        }
        switch ((int) size) {
            case 1 -> slot.set(JAVA_BYTE, 0, (byte) value);
            case 2 -> slot.set(JAVA_SHORT_UNALIGNED, 0, (short) value);
            case 4 -> slot.set(JAVA_INT_UNALIGNED, 0, (int) value);
            case 8 -> slot.set(JAVA_LONG_UNALIGNED, 0, value);
            default -> throw new IllegalArgumentException(
                    "global '" + variable + "' is " + size + " bytes, not an integer");
        }
    }

    /** The bytes of read-only global {@code variable}, for globals that are not plain integers. */
    public MemorySegment rodataVariable(String variable) throws BpfException {
        MemorySegment rodata = rodata();
        Btf.Variable found = Btf.find(btf(), RODATA, variable);
        if (found == null) {
            throw new BpfException("BPF object '" + name + "' has no read-only global '" + variable + "'");
        }
        return rodata.asSlice(found.offset(), found.size());
    }

    /**
     * Loads every program and creates every map in the kernel. A failure becomes one message:
     * errno, libbpf's first complaint and the verifier's last line (the whole log goes to
     * {@link BpfLog} at debug level).
     */
    public void load() throws BpfException {
        checkNotLoaded("load");
        int rc;
        List<String> warnings;
        BpfLog.startCapture();
        try {
            rc = (int) Native.Objects.OBJECT_LOAD.invokeExact(object);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        } finally {
            warnings = BpfLog.stopCapture();
        }
        String patchFailure = null;
        for (BpfProgram program : programs.values()) {
            String failure = FunctionPatches.done(program.pointer());
            patchFailure = patchFailure == null ? failure : patchFailure;
        }
        if (rc < 0) {
            throw new BpfException("cannot load BPF object", name, -rc,
                    patchFailure != null ? patchFailure : BpfLog.explainFailure(warnings));
        }
        loaded = true;
    }

    public boolean isLoaded() {
        return loaded;
    }

    /** Destroys the links made through this object's programs, then the object. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (BpfProgram program : programs.values()) {
            FunctionPatches.done(program.pointer());
        }
        for (BpfLink link : new ArrayList<>(links)) {
            link.close();
        }
        try {
            Native.Objects.OBJECT_CLOSE.invokeExact(object);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        } finally {
            arena.close();
        }
    }

    /** The object's own BTF (libbpf's struct btf). */
    MemorySegment btf() {
        try {
            return (MemorySegment) Native.Objects.OBJECT_BTF.invokeExact(object);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /** Memory that lives as long as the object. */
    Arena arena() {
        return arena;
    }

    void linked(BpfLink link) {
        links.add(link);
    }

    void unlinked(BpfLink link) {
        links.remove(link);
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("BPF object '" + name + "' is closed");
        }
    }

    private void checkNotLoaded(String what) {
        checkOpen();
        if (loaded) {
            throw new IllegalStateException("cannot " + what + " of BPF object '" + name + "': it is already loaded");
        }
    }

    private MemorySegment find(MethodHandle finder, String symbol) {
        try (Arena call = Arena.ofConfined()) {
            return (MemorySegment) finder.invokeExact(object, call.allocateFrom(symbol));
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /**
     * {@code struct bpf_object_open_opts} of libbpf 1.1.2 (libbpf.h): {@code sz} first, then the
     * fields in order; only the object name is set.
     */
    static final class OpenOpts {
        static final GroupLayout LAYOUT = MemoryLayout.structLayout(
                JAVA_LONG.withName("sz"),
                ADDRESS.withName("object_name"),
                JAVA_BOOLEAN.withName("relaxed_maps"),
                MemoryLayout.paddingLayout(7),
                ADDRESS.withName("pin_root_path"),
                MemoryLayout.paddingLayout(8), // __u32 :32, where attach_prog_fd was, then alignment
                ADDRESS.withName("kconfig"),
                ADDRESS.withName("btf_custom_path"),
                ADDRESS.withName("kernel_log_buf"),
                JAVA_LONG.withName("kernel_log_size"),
                JAVA_INT.withName("kernel_log_level"),
                MemoryLayout.paddingLayout(4));
        private static final VarHandle SZ = LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("sz"));
        private static final VarHandle OBJECT_NAME =
                LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("object_name"));

        final MemorySegment segment;

        OpenOpts(Arena arena, String objectName) {
            segment = arena.allocate(LAYOUT);
            SZ.set(segment, 0L, LAYOUT.byteSize());
            OBJECT_NAME.set(segment, 0L, arena.allocateFrom(objectName));
        }
    }
}
