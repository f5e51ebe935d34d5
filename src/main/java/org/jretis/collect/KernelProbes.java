package org.jretis.collect;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jretis.bpf.BpfException;
import org.jretis.bpf.BpfLink;
import org.jretis.bpf.BpfMap;
import org.jretis.bpf.BpfObject;
import org.jretis.bpf.BpfProgram;
import org.jretis.filter.ProbeFilters;
import org.jretis.log.Log;
import org.jretis.probe.Probe;
import org.jretis.probe.ProbeType;
import org.jretis.ring.RingBuffer;

/**
 * The BPF side of a collection: one copy of the generic probe program per tracepoint probe, and
 * one per group of function probes alike (same kind, same arguments, same options: a wildcard's
 * functions), configured through its read-only globals; all sharing one ring buffer, one
 * tracking map and the loss counters; then the tracking clean-up programs. Probes attach first
 * and detach first, so the clean-up never runs before a probe on the same tracepoint has seen
 * the packet.
 */
final class KernelProbes implements AutoCloseable {
    /** Probe ids index the loss and filter counters, which have this many slots (maps.h). */
    static final int PROBE_MAX = 1024;
    private static final String PROBE_OBJECT = "/org/jretis/bpf/probe.bpf.o";
    private static final String[] SHARED_MAPS = {"events", "lost", "filtered", "stacks",
            "tracking", "tracking_used", "tracking_evicted"};
    private static final String RAW_TRACEPOINT_PROGRAM = "probe_skb";
    private static final String KPROBE_PROGRAM = "probe_kprobe";
    private static final String KRETPROBE_PROGRAM = "probe_kretprobe";
    private static final String KRETPROBE_ENTRY_PROGRAM = "probe_kretprobe_entry";
    /** The collector units' own programs (UnitProgram). */
    private static final String NFT_PROGRAM = "probe_nft";
    private static final List<String> PROGRAMS =
            List.of(RAW_TRACEPOINT_PROGRAM, KPROBE_PROGRAM, KRETPROBE_PROGRAM, KRETPROBE_ENTRY_PROGRAM, NFT_PROGRAM);

    private final List<BpfObject> objects = new ArrayList<>();
    private final List<BpfLink> probeLinks = new ArrayList<>();
    private final List<BpfLink> trackingLinks = new ArrayList<>();
    private final long ringSize;
    private final boolean stacks;
    /** What every probe object is loaded with, for the probes {@link #add}ed later too. */
    private final int sections;
    private final ProbeFilters filters;
    private final TrackingScheme tracking;
    private final boolean kprobeMulti;
    private byte[] probeElf;
    private boolean detached;
    private BpfObject first;
    private RingBuffer ring;

    private KernelProbes(long ringSize, boolean stacks, int sections, ProbeFilters filters, TrackingScheme tracking,
                         boolean kprobeMulti) {
        this.ringSize = ringSize;
        this.stacks = stacks;
        this.sections = sections;
        this.filters = filters;
        this.tracking = tracking;
        this.kprobeMulti = kprobeMulti;
    }

    /** Probes sharing one object: their ids (indexes in the probe list) and the first one's settings. */
    private record Group(Probe settings, List<Integer> ids, List<String> targets) {
        boolean isFunction() {
            return settings.type() != ProbeType.RAW_TRACEPOINT;
        }

        boolean isReturn() {
            return settings.type() == ProbeType.KRETPROBE;
        }

        String program() {
            if (settings.unit() != null) {
                return settings.unit().program();
            }
            return switch (settings.type()) {
                case RAW_TRACEPOINT -> RAW_TRACEPOINT_PROGRAM;
                case KPROBE -> KPROBE_PROGRAM;
                case KRETPROBE -> KRETPROBE_PROGRAM;
            };
        }

        /** What the object runs: the probe program, and a kretprobe's entry half. */
        List<String> programs() {
            return isReturn() ? List.of(program(), KRETPROBE_ENTRY_PROGRAM) : List.of(program());
        }
    }

    /**
     * Loads and attaches the probes.
     *
     * @param sections SEC_* bits every probe fills (stacks are added per probe)
     * @param ringSize bytes of the ring buffer: a power of two, a multiple of the page size
     * @param filters  what replaces the probe's filter placeholders
     * @param tracking    how packets' tracking entries are removed
     * @param kprobeMulti the kernel has kprobe_multi links: a group's functions share one
     */
    static KernelProbes attach(List<Probe> probes, int sections, long ringSize, ProbeFilters filters,
                               TrackingScheme tracking, boolean kprobeMulti) throws BpfException, IOException {
        if (probes.size() > PROBE_MAX) {
            throw new BpfException(probes.size() + " probes: at most " + PROBE_MAX + " can be attached");
        }
        boolean stacks = (sections & BpfConfig.SEC_STACK) != 0 || probes.stream().anyMatch(Probe::stack);
        KernelProbes kernel = new KernelProbes(ringSize, stacks, sections, filters, tracking, kprobeMulti);
        try {
            List<Group> groups = groups(probes);
            if (groups.stream().anyMatch(Group::isFunction)) {
                Log.debug("function probes attach with "
                        + (kprobeMulti ? "kprobe_multi links" : "one kprobe per function"));
            }
            kernel.probeElf = resource(PROBE_OBJECT);
            for (Group group : groups) {
                kernel.load(kernel.probeObject(group));
            }
            BpfObject cleanup = kernel.open("tracking", resource(TrackingScheme.OBJECT));
            for (TrackingScheme scheme : List.of(TrackingScheme.KPROBES, TrackingScheme.TRACEPOINTS)) {
                for (String program : scheme.programs()) {
                    cleanup.program(program).setAutoload(scheme == tracking);
                }
            }
            kernel.load(cleanup);
            for (int i = 0; i < groups.size(); i++) {
                kernel.attachGroup(kernel.objects.get(i), groups.get(i));
            }
            for (String program : tracking.programs()) {
                BpfProgram p = cleanup.program(program);
                kernel.trackingLinks.add(tracking.kprobes() ? p.attachKprobe(tracking.function(program), false, 0)
                        : p.attach());
            }
            kernel.ring = RingBuffer.map(kernel.first.map("events").fd(), ringSize);
            return kernel;
        } catch (IOException | RuntimeException e) {
            kernel.close();
            throw e;
        }
    }

    /**
     * Loads and attaches one more function probe while the others run (--probe-stack); returns
     * false, doing nothing, once the probes are detached (the ring is being drained).
     */
    boolean add(Probe probe, int id) throws BpfException {
        if (detached) {
            return false;
        }
        Group group = new Group(probe, List.of(id), List.of(probe.target()));
        BpfObject object = probeObject(group);
        load(object);
        attachGroup(object, group);
        return true;
    }

    /** Tracepoints one object each; function probes grouped by kind, arguments and options. */
    private static List<Group> groups(List<Probe> probes) {
        Map<Probe, Group> byKey = new LinkedHashMap<>();
        List<Group> groups = new ArrayList<>();
        for (int id = 0; id < probes.size(); id++) {
            Probe probe = probes.get(id);
            if (probe.type() == ProbeType.RAW_TRACEPOINT) {
                groups.add(new Group(probe, List.of(id), List.of(probe.tracepointName())));
                continue;
            }
            Probe key = new Probe(probe.type(), "", probe.skbArg(), probe.reasonArg(), probe.devArg(),
                    probe.netArg(), probe.stack(), probe.noTracking(), probe.unit());
            Group group = byKey.computeIfAbsent(key, k -> {
                Group g = new Group(probe, new ArrayList<>(), new ArrayList<>());
                groups.add(g);
                return g;
            });
            group.ids().add(id);
            group.targets().add(probe.target());
        }
        return groups;
    }

    /** The probe object of a group, configured, its filters installed; not loaded. */
    private BpfObject probeObject(Group group) throws BpfException {
        BpfObject object = open("probe_" + group.ids().getFirst(), probeElf);
        Probe probe = group.settings();
        object.setRodata("probe_id", group.ids().getFirst());
        object.setRodata("probe_id_from_cookie", group.isFunction() ? 1 : 0);
        object.setRodata("skb_arg", probe.skbArg());
        object.setRodata("reason_arg", probe.reasonArg());
        object.setRodata("dev_arg", probe.devArg());
        object.setRodata("net_arg", probe.netArg());
        // A kretprobe may see an skb already freed: it reports ids, never starts one (as Retis).
        object.setRodata("track_existing_only", probe.noTracking() || group.isReturn() ? 1 : 0);
        object.setRodata("frees_seen", tracking.kprobes() ? 1 : 0);
        object.setRodata("sections", sections | (probe.stack() ? BpfConfig.SEC_STACK : 0));
        object.setRodata("wakeup_bytes", ringSize / 8);
        object.setRodata("meta_filter", filters.meta() != null ? 1 : 0);
        if (probe.unit() != null) {
            for (Map.Entry<String, Long> knob : probe.unit().rodata().entrySet()) {
                object.setRodata(knob.getKey(), knob.getValue());
            }
        }
        for (String program : PROGRAMS) {
            boolean used = group.programs().contains(program);
            object.program(program).setAutoload(used);
            if (used && kprobeMulti && group.isFunction()) {
                object.program(program).expectKprobeMulti();
            }
            if (used && !group.isFunction()) {
                object.program(program).setAttachTarget(group.targets().getFirst());
            }
        }
        if (!group.isReturn()) {
            object.map("kretprobe_args").setMaxEntries(1);
        }
        filters.install(object.program(group.program()));
        return object;
    }

    /** A kretprobe's entry half first: a return seen before it has nothing saved and is skipped. */
    private void attachGroup(BpfObject object, Group group) throws BpfException {
        if (!group.isFunction()) {
            probeLinks.add(object.program(RAW_TRACEPOINT_PROGRAM).attachTrace());
            return;
        }
        if (group.isReturn()) {
            attachFunctions(object.program(KRETPROBE_ENTRY_PROGRAM), group, false);
        }
        attachFunctions(object.program(group.program()), group, group.isReturn());
    }

    private void attachFunctions(BpfProgram program, Group group, boolean retprobe) throws BpfException {
        if (kprobeMulti) {
            long[] cookies = group.ids().stream().mapToLong(Integer::longValue).toArray();
            probeLinks.add(program.attachKprobeMulti(group.targets(), retprobe, cookies));
            return;
        }
        for (int i = 0; i < group.ids().size(); i++) {
            probeLinks.add(program.attachKprobe(group.targets().get(i), retprobe, group.ids().get(i)));
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

    /**
     * Tracking entries seen in the last 10 s that another packet's entry overwrote (two keys in
     * one slot of the table): such a packet, if still in flight, got a new id at its next probe.
     * An entry whose head was freed unseen (a page fragment) counts too.
     */
    long trackingEvicted() throws BpfException {
        return counts("tracking_evicted", 1)[0];
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
        detached = true;
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
