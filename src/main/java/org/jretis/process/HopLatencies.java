package org.jretis.process;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jretis.event.Event;
import org.jretis.event.NetnsSection;
import org.jretis.text.Durations;

/**
 * Time a packet takes from one hop to the next, over all series: for each pair of consecutive
 * events of a series, the pair of their hops and the time between them; {@link #write} gives
 * each pair's count and p50, p90, p99 and max (nearest rank). A hop is where an event was seen:
 * its probe, and its device and namespace when it has them, e.g.
 * {@code net:netif_receive_skb@veth-b[blue]} (no namespace for the initial one).
 */
public final class HopLatencies implements SeriesSink {
    private static final double[] PERCENTILES = {0.50, 0.90, 0.99};

    /** Distinct hop pairs kept; deltas of further pairs are only counted, so memory stays bounded. */
    static final int MAX_PAIRS = 10_000;

    /** Deltas by hop pair, pairs in the order first seen. */
    private final Map<String, LatencyHistogram> pairs = new LinkedHashMap<>();
    private long series;
    private long uncountedDeltas;
    /** The initial namespace as the file's startup event records it, if it does. */
    private Long initialNetns;

    @Override
    public void accept(List<Event> events) {
        String previousHop = null;
        long previousTime = 0;
        boolean counted = false;
        for (Event e : events) {
            if (e.startup != null && e.startup.initNetnsInum() != null) {
                initialNetns = e.startup.initNetnsInum();
            }
            if (e.isStartup() || e.common == null) {
                previousHop = null;
                continue;
            }
            String hop = hop(e);
            if (previousHop != null) {
                add(previousHop + " \u2192 " + hop, e.common.timestamp() - previousTime);
                if (!counted) {
                    series++;
                    counted = true;
                }
            }
            previousHop = hop;
            previousTime = e.common.timestamp();
        }
    }

    private void add(String pair, long nanos) {
        LatencyHistogram deltas = pairs.get(pair);
        if (deltas == null) {
            if (pairs.size() == MAX_PAIRS) {
                uncountedDeltas++;
                return;
            }
            deltas = new LatencyHistogram();
            pairs.put(pair, deltas);
        }
        deltas.add(nanos);
    }

    /** Where an event was seen: probe, then {@code @device} and {@code [namespace]} when known. */
    String hop(Event e) {
        StringBuilder hop = new StringBuilder(e.kernel != null ? e.kernel.symbol()
                : e.userspace != null ? e.userspace.symbol() : "?");
        if (e.dev != null && e.dev.name() != null && !e.dev.name().isEmpty()) {
            hop.append('@').append(e.dev.name());
        } else if (e.dev != null) {
            hop.append("@if").append(e.dev.ifindex());
        }
        if (e.netns != null && !e.netns.isInitial(initialNetns)) {
            hop.append('[').append(e.netns.name() != null ? e.netns.name() : Long.toString(e.netns.inum())).append(']');
        }
        return hop.toString();
    }

    /**
     * {@code Hop latencies over N series:} then per pair, most frequent first, its name and a
     * line {@code n <count>  p50 <t>  p90 <t>  p99 <t>  max <t>}. Nothing without pairs.
     */
    public void write(Appendable out) throws IOException {
        if (pairs.isEmpty()) {
            return;
        }
        out.append("\nHop latencies over ").append(Long.toString(series)).append(" series:\n");
        List<Map.Entry<String, LatencyHistogram>> sorted = new ArrayList<>(pairs.entrySet());
        sorted.sort(Comparator.comparingLong((Map.Entry<String, LatencyHistogram> p) -> p.getValue().count()).reversed());
        for (Map.Entry<String, LatencyHistogram> pair : sorted) {
            LatencyHistogram deltas = pair.getValue();
            out.append("  ").append(pair.getKey()).append('\n');
            StringBuilder line = new StringBuilder("    n ").append(deltas.count());
            for (double q : PERCENTILES) {
                line.append("  p").append((int) Math.round(q * 100)).append(' ');
                Durations.append(deltas.percentile(q), line);
            }
            line.append("  max ");
            Durations.append(deltas.max(), line);
            out.append(line).append('\n');
        }
        if (uncountedDeltas > 0) {
            out.append("  (").append(Long.toString(uncountedDeltas)).append(" delta(s) of further hop pairs not counted: more than ")
                    .append(Integer.toString(MAX_PAIRS)).append(" distinct pairs)\n");
        }
    }
}
