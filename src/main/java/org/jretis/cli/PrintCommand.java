package org.jretis.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import org.jretis.event.Event;
import org.jretis.event.json.EventFileReader;
import org.jretis.log.Progress;
import org.jretis.sink.SeriesTextSink;
import org.jretis.sink.TextSink;
import org.jretis.sink.ReaderGone;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code retis print}: events files (and sorted files) as text. */
@Command(name = "print", mixinStandardHelpOptions = true,
        description = "Print stored events as text.")
public final class PrintCommand implements Callable<Integer> {

    @Mixin
    TextOptions text;

    @Mixin
    PacketFilterOption filter;

    @Mixin
    Inputs inputs;

    @Override
    public Integer call() throws IOException {
        filter.compile();
        try (EventFileReader reader = inputs.open();
             Progress progress = Inputs.progress(reader, true)) {
            reader.readAhead(false);
            if (reader.kind() == EventFileReader.Kind.SORTED) {
                try (SeriesTextSink out = new SeriesTextSink(Pager.stdout(), text.format())) {
                    for (List<Event> series; (series = reader.nextSeries()) != null; ) {
                        List<Event> kept = series.stream().filter(filter::accepts).toList();
                        if (!kept.isEmpty()) {
                            out.accept(kept);
                        }
                    }
                }
            } else {
                try (TextSink out = new TextSink(Pager.stdout(), text.format())) {
                    for (Event event; (event = reader.nextEvent()) != null; ) {
                        if (filter.accepts(event)) {
                            out.accept(event);
                        }
                    }
                }
            }
        } catch (IOException e) {
            if (!ReaderGone.causes(e)) {
                throw e;
            }
        }
        return inputs.status();
    }
}
