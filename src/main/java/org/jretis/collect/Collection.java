package org.jretis.collect;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jretis.bpf.BpfException;
import org.jretis.btf.Btf;
import org.jretis.btf.BtfException;
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
import org.jretis.sink.ReaderGone;

/**
 * One {@code retis collect} run: checks the system, resolves the probes, opens the outputs,
 * loads and attaches the BPF programs, then moves events from the ring to the sinks until told
 * to stop, and reports what was processed and what was lost.
 */
public final class Collection {
    static final List<String> DEFAULT_PROBES = List.of("tp:net:netif_receive_skb", "tp:net:net_dev_start_xmit");
    /** 32 MiB: about 80k records, a quarter of a second of a veth flood. */
    static final long RING_SIZE = 32L << 20;

    private final CollectOptions options;

    public Collection(CollectOptions options) {
        this.options = options;
    }

    public int run() throws CollectException, IOException {
        LibbpfBinding.start();
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
            LibbpfBinding.await();
            List<Probe> probes = resolveProbes(collectors, btf, Optional.ofNullable(mounted));
            List<KernelSection> kernelSections = probes.stream()
                    .map(p -> new KernelSection(p.target(), p.type().jsonName(), null)).toList();
            try (Outputs outputs = Outputs.open(options)) {
                try (KernelProbes kernel = KernelProbes.attach(probes,
                        collectors.sections(skbSections, options.stack()), RING_SIZE, filters)) {
                    Log.info(probes.size() + " probe(s) loaded");
                    RawEventDecoder decoder = new RawEventDecoder(kernelSections,
                            dropReasons(btf, probes), new StackSymbols(kernel.stacks()), netnsNames,
                            collectors.units().stream().map(u -> new RawEventDecoder.UnitPart(u, u.recordPart(btf))).toList());
                    capture(kernel, decoder, outputs, probes.size());
                    reportFiltered(kernel.filtered(probes.size()), probes);
                    reportLosses(kernel.lost(probes.size()), probes);
                }
            }
        } catch (BpfException e) {
            throw new CollectException(e.getMessage(), e);
        }
        return 0;
    }

    private void capture(KernelProbes kernel, RawEventDecoder decoder, Outputs outputs, int probes) throws IOException {
        Stopper stopper = new Stopper();
        EventLoop loop = new EventLoop(kernel.ring(), decoder, outputs.sink(), stopper,
                options.stopAfter() == null ? 0 : options.stopAfter());
        try (SignalWatcher signals = SignalWatcher.install(stopper);
             Progress progress = outputs.progress(loop::processed, () -> totalLost(kernel, probes))) {
            CommandRunner command = options.cmd() == null ? null : CommandRunner.start(options.cmd(), stopper);
            try {
                loop.run();
                kernel.detach();
                loop.drain();
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
        if (options.probeStack()) {
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

    private List<Probe> resolveProbes(Collectors collectors, Btf btf, Optional<Tracefs> mounted)
            throws CollectException {
        List<String> strings = new ArrayList<>(options.probes());
        if (collectors.addsDropProbe()) {
            strings.add("tp:skb:kfree_skb");
        }
        if (strings.isEmpty()) {
            if (!options.noProfile() || !collectors.isDefault()) {
                throw new CollectException("No probe given: use -p/--probe or a profile");
            }
            Log.info("No probe(s) given: using " + String.join(", ", DEFAULT_PROBES));
            strings.addAll(DEFAULT_PROBES);
        }
        try {
            List<ProbeSpec> specs = new ArrayList<>();
            for (String s : strings) {
                specs.add(ProbeSpec.parse(s));
            }
            ProbeResolver resolver = new ProbeResolver(btf, () -> mounted.isPresent() ? mounted : Tracefs.find(),
                    collectors.readable(), KernelSymbols::read);
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
            return Btf.kernel();
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
