package org.jretis.bpf;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * A map of a {@link BpfObject}: its shape (settable before the object is loaded) and, once
 * loaded, element access through the BPF syscall. Keys and values are raw bytes in native order.
 */
public final class BpfMap {
    /** enum bpf_map_type values whose lookups return one value per possible CPU. */
    private static final int PERCPU_HASH = 5;
    private static final int PERCPU_ARRAY = 6;
    private static final int LRU_PERCPU_HASH = 10;
    private static final int PERCPU_CGROUP_STORAGE = 21;
    /** Update flag: create or replace (BPF_ANY). */
    public static final long ANY = 0;

    private final String name;
    private final MemorySegment map;

    BpfMap(String name, MemorySegment map) {
        this.name = name;
        this.map = map;
    }

    public String name() {
        return name;
    }

    /** Sets the map's size before its object is loaded (for a ring buffer: bytes, a power-of-2 page multiple). */
    public void setMaxEntries(int maxEntries) throws BpfException {
        int rc = intCall(Native.MapSetup.MAP_SET_MAX_ENTRIES, maxEntries);
        if (rc < 0) {
            throw new BpfException("cannot set max_entries to " + maxEntries + " of map", name, -rc);
        }
    }

    /** Makes this map use the existing map {@code fd} instead of creating one, before load (libbpf dups the fd). */
    public void reuseFd(int fd) throws BpfException {
        int rc = intCall(Native.MapSetup.MAP_REUSE_FD, fd);
        if (rc < 0) {
            throw new BpfException("cannot reuse fd " + fd + " for map", name, -rc);
        }
    }

    /** The map's file descriptor, once its object is loaded (or after {@link #reuseFd}). */
    public int fd() {
        int fd = intCall(Native.MapSetup.MAP_FD);
        if (fd < 0) {
            throw new IllegalStateException("map '" + name + "' has no fd yet: load its object first");
        }
        return fd;
    }

    /** The map's {@code enum bpf_map_type}. */
    public int type() {
        return intCall(Native.MapFacts.MAP_TYPE);
    }

    public int maxEntries() {
        return intCall(Native.MapFacts.MAP_MAX_ENTRIES);
    }

    public int keySize() {
        return intCall(Native.MapFacts.MAP_KEY_SIZE);
    }

    public int valueSize() {
        return intCall(Native.MapFacts.MAP_VALUE_SIZE);
    }

    /** Whether a lookup returns one value per possible CPU. */
    public boolean isPerCpu() {
        int type = type();
        return type == PERCPU_HASH || type == PERCPU_ARRAY || type == LRU_PERCPU_HASH
                || type == PERCPU_CGROUP_STORAGE;
    }

    /** The bytes a lookup writes: the value size, or for per-CPU maps 8-byte-rounded values × possible CPUs. */
    public long lookupSize() throws BpfException {
        if (!isPerCpu()) {
            return valueSize();
        }
        return ((valueSize() + 7L) & ~7L) * possibleCpus();
    }

    /**
     * Copies the value of {@code key} into {@code value} (at least {@link #lookupSize()} bytes).
     * Returns false when the key is absent.
     */
    public boolean lookup(MemorySegment key, MemorySegment value) throws BpfException {
        checkSize("key", key, keySize());
        checkSize("value", value, lookupSize());
        int rc;
        try {
            rc = (int) Native.MapElements.MAP_LOOKUP_ELEM.invokeExact(fd(), key, value);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (rc == -Errno.ENOENT) {
            return false;
        }
        if (rc < 0) {
            throw new BpfException("cannot look up an element of map", name, -rc);
        }
        return true;
    }

    /** Creates or replaces (flags {@link #ANY}) the value of {@code key}. */
    public void update(MemorySegment key, MemorySegment value, long flags) throws BpfException {
        checkSize("key", key, keySize());
        checkSize("value", value, lookupSize());
        int rc;
        try {
            rc = (int) Native.MapElements.MAP_UPDATE_ELEM.invokeExact(fd(), key, value, flags);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (rc < 0) {
            throw new BpfException("cannot update an element of map", name, -rc);
        }
    }

    /** Removes {@code key}; returns false when it was absent. */
    public boolean delete(MemorySegment key) throws BpfException {
        checkSize("key", key, keySize());
        int rc;
        try {
            rc = (int) Native.MapElements.MAP_DELETE_ELEM.invokeExact(fd(), key);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (rc == -Errno.ENOENT) {
            return false;
        }
        if (rc < 0) {
            throw new BpfException("cannot delete an element of map", name, -rc);
        }
        return true;
    }

    /** For a per-CPU array of 8-byte counters: the counters of index {@code key}, one per possible CPU. */
    public long[] perCpuLongs(int key) throws BpfException {
        if (!isPerCpu() || keySize() != Integer.BYTES || valueSize() != Long.BYTES) {
            throw new IllegalStateException("map '" + name + "' is not a per-CPU map of u32 keys to u64 values");
        }
        try (Arena call = Arena.ofConfined()) {
            MemorySegment value = call.allocate(lookupSize(), Long.BYTES);
            if (!lookup(call.allocateFrom(JAVA_INT, key), value)) {
                throw new BpfException("map '" + name + "' has no index " + key);
            }
            return value.toArray(JAVA_LONG);
        }
    }

    /** How many CPUs the kernel may ever bring online (the per-CPU value count). */
    public static int possibleCpus() throws BpfException {
        Native.requireLibbpf();
        int cpus;
        try {
            cpus = (int) Native.MapFacts.NUM_POSSIBLE_CPUS.invokeExact();
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (cpus < 0) {
            throw new BpfException("cannot count possible CPUs", "/sys/devices/system/cpu/possible", -cpus);
        }
        return cpus;
    }

    MemorySegment pointer() {
        return map;
    }

    private int intCall(MethodHandle handle) {
        try {
            return (int) handle.invokeExact(map);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    private int intCall(MethodHandle handle, int argument) {
        try {
            return (int) handle.invokeExact(map, argument);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    private void checkSize(String what, MemorySegment segment, long size) {
        if (segment.byteSize() < size) {
            throw new IllegalArgumentException(what + " of " + segment.byteSize() + " bytes for map '" + name
                    + "', which needs " + size);
        }
    }
}
