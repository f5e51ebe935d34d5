package org.jretis.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.jretis.event.Event;
import org.jretis.event.json.EventFileReader;
import org.jretis.log.Progress;
import org.jretis.process.EventStats;
import org.jretis.process.HopLatencies;
import org.jretis.process.SeriesSorter;
import org.jretis.sink.ReaderGone;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code retis stats}: what an events file holds, in Retis' format, then the latency between
 * consecutive hops of the packets (see {@link HopLatencies}).
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Print statistics about stored events.")
public final class StatsCommand implements Callable<Integer> {

    @Mixin
    Inputs inputs;

    @Override
    public Integer call() throws IOException {
        try (EventFileReader reader = inputs.open();
             Progress progress = Inputs.progress(reader, true);
             Writer out = new OutputStreamWriter(Pager.stdout(), StandardCharsets.UTF_8)) {
            boolean sorted = reader.kind() == EventFileReader.Kind.SORTED;
            EventStats stats = new EventStats(out, sorted);
            HopLatencies latencies = new HopLatencies();
            // The latencies need series: an events file is sorted on the way, as sort does.
            SeriesSorter sorter = sorted ? null : new SeriesSorter(SeriesSorter.DEFAULT_MAX_BUFFER, latencies);
            for (List<Event> series; (series = reader.nextSeries()) != null; ) {
                stats.add(series);
                if (sorter == null) {
                    latencies.accept(series);
                } else {
                    for (Event event : series) {
                        sorter.add(event);
                    }
                }
            }
            stats.finish();
            if (sorter != null) {
                sorter.finish();
            }
            latencies.write(out);
        } catch (IOException e) {
            if (!ReaderGone.causes(e)) {
                throw e;
            }
        }
        return inputs.status();
    }
}
