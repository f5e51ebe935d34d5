package org.jretis.collect;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.jretis.bpf.BpfException;
import org.jretis.bpf.BpfLink;
import org.jretis.bpf.BpfMap;
import org.jretis.bpf.BpfObject;
import org.jretis.filter.ProbeFilters;
import org.jretis.probe.Probe;
import org.jretis.ring.RingBuffer;

/**
 * The BPF side of a collection: one copy of the generic probe program per probe (configured
 * through its read-only globals), all sharing one ring buffer, one tracking map and the loss
 * counters; then the tracking clean-up programs. Probes attach first and detach first, so the
 * clean-up never runs before a probe on the same tracepoint has seen the packet.
 */
final class KernelProbes implements AutoCloseable {
    private static final String PROBE_OBJECT = "/org/jretis/bpf/probe.bpf.o";
    private static final String TRACKING_OBJECT = "/org/jretis/bpf/tracking.bpf.o";
    private static final String[] SHARED_MAPS = {"events", "lost", "filtered", "stacks", "tracking"};
    private static final String[] TRACKING_PROGRAMS = {
        "track_consume_skb", "track_kfree_skb", "track_kfree", "track_kmem_cache_free"};

    private final List<BpfObject> objects = new ArrayList<>();
    private final List<BpfLink> probeLinks = new ArrayList<>();
    private final List<BpfLink> trackingLinks = new ArrayList<>();
    private final long ringSize;
    private final boolean stacks;
    private BpfObject first;
    private RingBuffer ring;

    private KernelProbes(long ringSize, boolean stacks) {
        this.ringSize = ringSize;
        this.stacks = stacks;
    }

    /**
     * Loads and attaches the probes.
     *
     * @param sections SEC_* bits every probe fills (stacks are added per probe)
     * @param ringSize bytes of the ring buffer: a power of two, a multiple of the page size
     * @param filters  what replaces the probe's filter placeholders
     */
    static KernelProbes attach(List<Probe> probes, int sections, long ringSize, ProbeFilters filters)
            throws BpfException, IOException {
        boolean stacks = (sections & BpfConfig.SEC_STACK) != 0 || probes.stream().anyMatch(Probe::stack);
        KernelProbes kernel = new KernelProbes(ringSize, stacks);
        try {
            byte[] probeElf = resource(PROBE_OBJECT);
            for (int id = 0; id < probes.size(); id++) {
                Probe probe = probes.get(id);
                BpfObject object = kernel.open("probe_" + id, probeElf);
                object.setRodata("probe_id", id);
                object.setRodata("skb_arg", probe.skbArg());
                object.setRodata("reason_arg", probe.reasonArg());
                object.setRodata("dev_arg", probe.devArg());
                object.setRodata("net_arg", probe.netArg());
                object.setRodata("track_existing_only", probe.noTracking() ? 1 : 0);
                object.setRodata("sections", sections | (probe.stack() ? BpfConfig.SEC_STACK : 0));
                object.setRodata("wakeup_bytes", ringSize / 8);
                filters.install(object.program("probe_skb"));
                kernel.load(object);
            }
            kernel.load(kernel.open("tracking", resource(TRACKING_OBJECT)));
            for (int id = 0; id < probes.size(); id++) {
                kernel.probeLinks.add(kernel.objects.get(id).program("probe_skb")
                        .attachRawTracepoint(probes.get(id).tracepointName()));
            }
            BpfObject tracking = kernel.objects.get(kernel.objects.size() - 1);
            for (String program : TRACKING_PROGRAMS) {
                kernel.trackingLinks.add(tracking.program(program).attach());
            }
            kernel.ring = RingBuffer.map(kernel.first.map("events").fd(), ringSize);
            return kernel;
        } catch (IOException | RuntimeException e) {
            kernel.close();
            throw e;
        }
    }

    RingBuffer ring() {
        return ring;
    }

    BpfMap stacks() throws BpfException {
        return first.map("stacks");
    }

    /** Events each probe could not write because the ring was full, by probe id. */
    long[] lost(int probes) throws BpfException {
        return counts("lost", probes);
    }

    /** Packets each probe's filters turned away (no record reserved), by probe id. */
    long[] filtered(int probes) throws BpfException {
        return counts("filtered", probes);
    }

    private long[] counts(String map, int probes) throws BpfException {
        BpfMap counters = first.map(map);
        long[] counts = new long[probes];
        for (int id = 0; id < probes; id++) {
            for (long perCpu : counters.perCpuLongs(id)) {
                counts[id] += perCpu;
            }
        }
        return counts;
    }

    /** Detaches the probes (no new events), then the tracking clean-up. */
    void detach() {
        probeLinks.forEach(BpfLink::close);
        probeLinks.clear();
        trackingLinks.forEach(BpfLink::close);
        trackingLinks.clear();
    }

    @Override
    public void close() {
        detach();
        if (ring != null) {
            ring.close();
        }
        objects.forEach(BpfObject::close);
        objects.clear();
    }

    private BpfObject open(String name, byte[] elf) throws BpfException {
        BpfObject object = BpfObject.open(name, elf);
        objects.add(object);
        return object;
    }

    /** Loads an object, creating the shared maps with the first one and reusing them after. */
    private void load(BpfObject object) throws BpfException {
        if (first == null) {
            object.map("events").setMaxEntries((int) ringSize);
            if (!stacks) {
                object.map("stacks").setMaxEntries(1);
            }
            object.load();
            first = object;
            return;
        }
        for (String name : SHARED_MAPS) {
            if (object.hasMap(name)) {
                object.map(name).reuseFd(first.map(name).fd());
            }
        }
        object.load();
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = KernelProbes.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("BPF object " + path + " is missing from the jar");
            }
            return in.readAllBytes();
        }
    }
}
