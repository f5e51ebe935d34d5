package org.jretis.collect;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jretis.bpf.BpfException;
import org.jretis.event.Event;
import org.jretis.event.KernelSection;
import org.jretis.log.Log;
import org.jretis.probe.InvalidProbeException;
import org.jretis.probe.Probe;
import org.jretis.probe.ProbeResolver;
import org.jretis.probe.ProbeSpec;
import org.jretis.probe.ProbeType;
import org.jretis.sink.EventSink;

/**
 * {@code --probe-stack}, as Retis: every probe collects its stack, and each function of a stack
 * that takes something a collector reads (an skb, a device, a netns) gets a kprobe of its own,
 * attached while the collection runs, so the packets are followed up the stacks they came
 * through. The stack stays in an event only when its probe asked for it ({@code --stack},
 * {@code /stack}). Runs on the event loop's thread, before the sinks.
 */
final class ProbeStack implements EventSink {
    private final EventSink next;
    private final KernelProbes kernel;
    private final ProbeResolver resolver;
    private final List<Probe> probes;
    private final List<KernelSection> kernelSections;
    /** Functions probed or found unprobeable: each is tried once. */
    private final Set<String> tried = new HashSet<>();
    /** {@code probe_type:symbol} of the probes whose events keep their stack. */
    private final Set<String> reportingStacks = new HashSet<>();

    /**
     * @param probes         the probes, indexed by id; grows with each probe added
     * @param kernelSections their kernel sections, as the decoder reads them; grows with them
     */
    ProbeStack(EventSink next, KernelProbes kernel, ProbeResolver resolver, List<Probe> probes,
               List<KernelSection> kernelSections) {
        this.next = next;
        this.kernel = kernel;
        this.resolver = resolver;
        this.probes = probes;
        this.kernelSections = kernelSections;
        for (Probe probe : probes) {
            if (probe.type() == ProbeType.KPROBE) {
                tried.add(probe.target());
            }
            if (probe.stack()) {
                reportingStacks.add(probe.type().jsonName() + ":" + probe.target());
            }
        }
    }

    @Override
    public void accept(Event event) throws IOException {
        KernelSection section = event.kernel;
        if (section != null && section.stackTrace() != null) {
            for (String frame : section.stackTrace()) {
                int plus = frame.indexOf('+');
                if (plus > 0 && tried.add(frame.substring(0, plus))) {
                    probe(frame.substring(0, plus));
                }
            }
            if (!reportingStacks.contains(section.probeType() + ":" + section.symbol())) {
                event.kernel = new KernelSection(section.symbol(), section.probeType(), null);
            }
        }
        next.accept(event);
    }

    /** Adds a kprobe on {@code function} when it takes something a collector reads. */
    private void probe(String function) {
        if (probes.size() >= KernelProbes.PROBE_MAX) {
            return;
        }
        List<Probe> found;
        try {
            found = resolver.resolveQuietly(List.of(ProbeSpec.parse("kprobe:" + function)));
        } catch (InvalidProbeException e) {
            return; // not traceable, no prototype, nothing to read: as Retis, not probed
        }
        for (Probe probe : found) {
            int id = probes.size();
            try {
                probes.add(probe);
                kernelSections.add(new KernelSection(probe.target(), probe.type().jsonName(), null));
                if (kernel.add(probe, id)) {
                    Log.debug("Added probe to " + function);
                }
            } catch (BpfException e) {
                Log.warn("Could not attach additional probe: " + e.getMessage());
            }
        }
    }

    @Override
    public void flush() throws IOException {
        next.flush();
    }

    @Override
    public void close() throws IOException {
        next.close();
    }
}
