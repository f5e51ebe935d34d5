package org.jretis.collect;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jretis.bpf.BpfException;
import org.jretis.btf.Btf;
import org.jretis.btf.BtfException;
import org.jretis.collector.Unit;
import org.jretis.event.KernelSection;
import org.jretis.filter.FilterException;
import org.jretis.filter.MetaFilter;
import org.jretis.filter.PacketFilter;
import org.jretis.filter.ProbeFilters;
import org.jretis.log.Log;
import org.jretis.log.Progress;
import org.jretis.probe.InvalidProbeException;
import org.jretis.probe.KernelSymbols;
import org.jretis.probe.Probe;
import org.jretis.probe.ProbeResolver;
import org.jretis.probe.ProbeSpec;
import org.jretis.probe.Tracefs;
import org.jretis.probe.UnitProgram;
import org.jretis.sink.EventSink;
import org.jretis.sink.ReaderGone;

/**
 * One {@code retis collect} run: checks the system, resolves the probes, opens the outputs,
 * loads and attaches the BPF programs, then moves events from the ring to the sinks until told
 * to stop, and reports what was processed and what was lost.
 */
public final class Collection {
    public static final List<String> DEFAULT_PROBES = List.of("tp:net:netif_receive_skb", "tp:net:net_dev_start_xmit");
    static final List<String> PROBE_STACK_PROBES = List.of("tp:skb:consume_skb", "tp:skb:kfree_skb");
    /** 32 MiB: about 80k records, a quarter of a second of a veth flood. */
    static final long RING_SIZE = 32L << 20;

    /** kprobe_multi links need fprobe (CONFIG_FPROBE): Debian's 6.12 has it, its 6.1 not. */
    private static final String KPROBE_MULTI_SYMBOL = "register_fprobe";

    private final CollectOptions options;
    private KernelSymbols kallsyms;

    public Collection(CollectOptions options) {
        this.options = options;
    }

    /** /proc/kallsyms, read once, when first needed. */
    private KernelSymbols kallsyms() {
        if (kallsyms == null) {
            kallsyms = KernelSymbols.read();
        }
        return kallsyms;
    }

    public int run() throws CollectException, IOException {
        EarlyStart.start();
        if (options.out() != null) {
            EarlyStart.prepareEventsFile();
        }
        Preflight.check();
        refuseUnsupported();
        Collectors collectors = Collectors.parse(options.collectors());
        SkbSections skbSections = SkbSections.parse(options.skbSections());
        Btf btf = readBtf();
        NetnsNames netnsNames = NetnsNames.system();
        ProbeFilters filters = compileFilters(btf, netnsNames);
        filters.loadedMessages().forEach(Log::info); // Retis' order: filters, then probes
        try (Tracefs mounted = options.allowSystemChanges() ? Tracefs.mount() : null) {
            // Fails first when libbpf is missing.
            EarlyStart.awaitBinding();
            ProbeResolver resolver = resolver(collectors, btf, Optional.ofNullable(mounted));
            // Grow with --probe-stack, which adds probes while the collection runs.
            List<Probe> probes = new ArrayList<>(resolveProbes(collectors, resolver));
            List<Runnable> undo = new ArrayList<>();
            try {
                for (Unit unit : collectors.units()) {
                    undo.addFirst(unit.start(options));
                }
                collect(collectors, skbSections, btf, netnsNames, filters, resolver, probes);
            } finally {
                undo.forEach(Runnable::run);
            }
        } catch (BpfException e) {
            throw new CollectException(e.getMessage(), e);
        }
        return 0;
    }

    /** Attaches the probes and runs the collection until it stops. */
    private void collect(Collectors collectors, SkbSections skbSections, Btf btf, NetnsNames netnsNames,
                         ProbeFilters filters, ProbeResolver resolver, List<Probe> probes)
            throws CollectException, IOException {
        List<KernelSection> kernelSections = new ArrayList<>(probes.stream()
                .map(p -> new KernelSection(p.target(), p.type().jsonName(), null)).toList());
        // --probe-stack reads every probe's stack, and drops those nobody asked for.
        int sections = collectors.sections(skbSections, options.stack())
                | (options.probeStack() ? BpfConfig.SEC_STACK : 0);
        try (Outputs outputs = Outputs.open(options, EarlyStart.initialNetns());
             UnitSources sources = UnitSources.start(collectors.units(), options,
                     options.netns() == null ? null : netnsNames.inum(options.netns()))) {
            KernelSymbols symbols = KernelSymbols.mayHaveKprobes() ? kallsyms() : new KernelSymbols(Set.of());
            try (KernelProbes kernel = KernelProbes.attach(probes, sections, RING_SIZE, filters,
                    TrackingScheme.choose(symbols), symbols.contains(KPROBE_MULTI_SYMBOL))) {
                Log.info(probes.size() + " probe(s) loaded");
                RawEventDecoder decoder = new RawEventDecoder(kernelSections,
                        dropReasons(btf, probes), new StackSymbols(kernel.stacks()), netnsNames,
                        collectors.units().stream().filter(u -> u.recordFlag() != 0)
                                .map(u -> new RawEventDecoder.UnitPart(u, u.recordPart(btf))).toList());
                EventSink sink = sources.join(options.probeStack()
                        ? new ProbeStack(outputs.sink(), kernel, resolver, probes, kernelSections) : outputs.sink());
                capture(kernel, decoder, outputs, sink, probes, sources);
                reportFiltered(kernel.filtered(probes.size()), probes);
                reportLosses(kernel.lost(probes.size()), probes);
                reportEvictions(kernel.trackingEvicted());
            }
        }
    }

    /**
     * @param probes the probes by id, which --probe-stack may add to
     * @param sources the units' events from outside the ring, joined in {@code sink}
     */
    private void capture(KernelProbes kernel, RawEventDecoder decoder, Outputs outputs, EventSink sink,
                         List<Probe> probes, UnitSources sources) throws IOException {
        Stopper stopper = new Stopper();
        EventLoop loop = new EventLoop(kernel.ring(), decoder, sink, stopper,
                options.stopAfter() == null ? 0 : options.stopAfter(),
                sources.isEmpty() ? EventLoop.SideEvents.NONE : sources::release);
        try (SignalWatcher signals = SignalWatcher.install(stopper);
             Progress progress = outputs.progress(loop::processed, () -> totalLost(kernel, probes.size()))) {
            CommandRunner command = options.cmd() == null ? null : CommandRunner.start(options.cmd(), stopper);
            try {
                loop.run();
                kernel.detach();
                loop.drain();
                loop.written(sources.finish());
            } catch (IOException e) {
                // The reader of our stdout went away (| head, a pcap reader that quit): not an error.
                if (!ReaderGone.causes(e)) {
                    throw e;
                }
                stopper.stop("Output closed, terminating...");
            } finally {
                if (command != null) {
                    command.stop();
                }
            }
        } catch (CollectException e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            outputs.flushQuietly();
            Log.info(loop.processed() + " event(s) processed");
            if (loop.unreadable() > 0) {
                Log.warn(loop.unreadable() + " unreadable ring record(s) skipped (unknown probe id)");
            }
        }
    }

    /** For the status line: the losses so far, or -1 if the counters cannot be read. */
    private static long totalLost(KernelProbes kernel, int probes) {
        try {
            return Arrays.stream(kernel.lost(probes)).sum();
        } catch (BpfException e) {
            return -1;
        }
    }

    private void refuseUnsupported() throws CollectException {
        if (!options.probeStack()) {
            return;
        }
        if (options.packetFilter() == null && options.metaFilter() == null) {
            throw new CollectException("Probe-stack mode requires filtering (--filter-packet and/or --filter-meta)");
        }
        if (!KernelSymbols.mayHaveKprobes()) {
            throw new CollectException("--probe-stack adds kprobes on the functions of stack traces:"
                    + " this kernel has no kprobes");
        }
    }

    /** Compiles -f and -m before anything is attached: a bad expression stops the run here. */
    private ProbeFilters compileFilters(Btf btf, NetnsNames netnsNames) throws CollectException {
        try {
            PacketFilter packet = options.packetFilter() == null ? null : PacketFilter.compile(options.packetFilter());
            String metaFilter = metaFilter(netnsNames);
            long[] meta = metaFilter == null ? null : MetaFilter.compile(metaFilter, btf);
            return new ProbeFilters(packet, meta);
        } catch (FilterException e) {
            throw new CollectException(e.getMessage());
        }
    }

    /** {@code -m}, and {@code --netns} as a term on the device's namespace. */
    private String metaFilter(NetnsNames netnsNames) throws CollectException {
        if (options.netns() == null) {
            return options.metaFilter();
        }
        String term = "sk_buff.dev.nd_net.net.ns.inum == " + netnsNames.inum(options.netns());
        return options.metaFilter() == null ? term : "(" + options.metaFilter() + ") && " + term;
    }

    private ProbeResolver resolver(Collectors collectors, Btf btf, Optional<Tracefs> mounted) {
        return new ProbeResolver(btf, () -> mounted.isPresent() ? mounted : Tracefs.available(),
                collectors.readable(), this::kallsyms).withUnitPrograms((function, params) -> {
                    for (Unit unit : collectors.units()) {
                        UnitProgram program = unit.program(function, params, options);
                        if (program != null) {
                            return program;
                        }
                    }
                    return null;
                });
    }

    private List<Probe> resolveProbes(Collectors collectors, ProbeResolver resolver) throws CollectException {
        List<String> strings = options.probes();
        for (Unit unit : collectors.units()) {
            strings = unit.probes(strings);
        }
        strings = new ArrayList<>(strings);
        if (collectors.addsDropProbe()) {
            strings.add("tp:skb:kfree_skb");
        }
        // The units' own probes, unless given (a profile may ask for their stacks).
        List<String> unitProbes = new ArrayList<>();
        for (Unit unit : collectors.units()) {
            for (String function : unit.functions()) {
                String probe = "kprobe:" + function;
                if (strings.stream().noneMatch(s -> s.equals(probe) || s.startsWith(probe + "/"))) {
                    unitProbes.add(probe);
                }
            }
        }
        // A unit joining its events to the packet's events runs on the default probes.
        if (strings.isEmpty() && (!options.noProfile() || !collectors.isDefault()) && !collectors.joinsPacketEvents()) {
            if (unitProbes.isEmpty()) {
                throw new CollectException("No probe given: use -p/--probe or a profile");
            }
        } else if (strings.isEmpty()) {
            // --probe-stack starts where most packets end, and moves up their stacks from there.
            List<String> defaults = options.probeStack() ? PROBE_STACK_PROBES : DEFAULT_PROBES;
            Log.info("No probe(s) given: using " + String.join(", ", defaults));
            strings.addAll(defaults);
        }
        strings.addAll(unitProbes);
        try {
            List<ProbeSpec> specs = new ArrayList<>();
            for (String s : strings) {
                specs.add(ProbeSpec.parse(s));
            }
            List<Probe> probes = resolver.resolve(specs, options.stack());
            if (probes.isEmpty()) {
                throw new CollectException("No probe could be attached");
            }
            return probes;
        } catch (InvalidProbeException e) {
            throw new CollectException(e.getMessage());
        }
    }

    private static Btf readBtf() throws CollectException {
        try {
            return EarlyStart.kernelBtf();
        } catch (BtfException e) {
            throw new CollectException(e.getMessage());
        }
    }

    private static DropReasons dropReasons(Btf btf, List<Probe> probes) {
        if (probes.stream().noneMatch(p -> p.reasonArg() >= 0)) {
            return DropReasons.none();
        }
        return DropReasons.fromBtf(btf);
    }

    private static void reportFiltered(long[] filtered, List<Probe> probes) {
        for (int id = 0; id < filtered.length; id++) {
            if (filtered[id] > 0) {
                Log.debug(filtered[id] + " packet(s) filtered out at " + probes.get(id).target());
            }
        }
    }

    /**
     * Not a warning: an overwritten entry is as often that of a packet whose end no tracepoint
     * saw (a page-fragment head freed without consume_skb/kfree_skb) as one still in flight.
     */
    private static void reportEvictions(long evicted) {
        if (evicted > 0) {
            Log.info(evicted + " tracking entr" + (evicted == 1 ? "y" : "ies") + " seen in the last 10 s overwritten"
                    + " by another packet's (one slot of the tracking table): a packet still in flight then gets a new"
                    + " id, one whose end was not seen loses nothing");
        }
    }

    private static void reportLosses(long[] lost, List<Probe> probes) {
        long total = 0;
        for (int id = 0; id < lost.length; id++) {
            if (lost[id] > 0) {
                Log.warn("lost " + lost[id] + " event(s) from " + probes.get(id).target());
                total += lost[id];
            }
        }
        if (total > 0) {
            Log.warn("total events lost: " + total);
        }
    }
}
