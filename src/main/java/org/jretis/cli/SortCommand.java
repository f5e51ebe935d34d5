package org.jretis.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jretis.event.Event;
import org.jretis.event.json.EventFileReader;
import org.jretis.event.json.EventWriter;
import org.jretis.event.json.FormatVersion;
import org.jretis.log.Log;
import org.jretis.log.Progress;
import org.jretis.process.SeriesSink;
import org.jretis.process.SeriesSorter;
import org.jretis.sink.OutputFiles;
import org.jretis.sink.SeriesTextSink;
import org.jretis.sink.ReaderGone;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code retis sort}: events grouped into one series per packet (tracking id). */
@Command(name = "sort", mixinStandardHelpOptions = true,
        description = "Sort stored events in series, one per packet.")
public final class SortCommand implements Callable<Integer> {

    @Mixin
    TextOptions text;

    @Mixin
    PacketFilterOption filter;

    @Mixin
    Inputs inputs;

    @Option(names = "--max-buffer", paramLabel = "<N>", defaultValue = "1000",
            description = "Events held while sorting (0: no limit; default: ${DEFAULT-VALUE}).")
    int maxBuffer;

    @Option(names = {"-o", "--out"}, paramLabel = "<FILE>", description = "Write the series as JSON lines to FILE ('-' or /dev/stdout: standard output).")
    Path out;

    @Option(names = "--print", description = "Also print the series when writing them to a file.")
    boolean print;

    @Override
    public Integer call() throws IOException {
        if (maxBuffer < 0) {
            throw new UserException("--max-buffer must not be negative");
        }
        filter.compile();
        try (EventFileReader reader = inputs.open()) {
            if (reader.kind() == EventFileReader.Kind.SORTED) {
                Log.info(SeriesSorter.ALREADY_SORTED);
                return 0;
            }
            if (out != null) {
                if (print && OutputFiles.isStdout(out)) {
                    throw new UserException("-o " + out + " writes series to stdout: it cannot be used with --print");
                }
                refuseInPlace(reader.file());
                if (reader.version() != FormatVersion.CURRENT) {
                    throw new UserException("Storing sorted events is not supported (input event format is too old, remove `--out`)");
                }
            }
            try (Progress progress = Inputs.progress(reader, out == null || print || OutputFiles.isStdout(out))) {
                reader.readAhead(false);
                sort(reader);
            }
        } catch (IOException e) {
            if (!ReaderGone.causes(e)) {
                throw e;
            }
        }
        return inputs.status();
    }

    private void sort(EventFileReader reader) throws IOException {
        List<AutoCloseable> closing = new ArrayList<>();
        List<SeriesSink> sinks = new ArrayList<>();
        if (out != null) {
            EventWriter writer = new EventWriter(OutputFiles.create(out));
            closing.add(writer);
            sinks.add(writer::writeSeries);
        }
        if (out == null || print) {
            SeriesTextSink textSink = new SeriesTextSink(Pager.stdout(), text.format());
            closing.add(textSink);
            sinks.add(textSink::accept);
        }
        try {
            SeriesSorter sorter = new SeriesSorter(maxBuffer, series -> {
                for (SeriesSink sink : sinks) {
                    sink.accept(series);
                }
            });
            try {
                for (Event event; (event = reader.nextEvent()) != null; ) {
                    if (filter.accepts(event)) {
                        sorter.add(event);
                    }
                }
                sorter.finish();
            } catch (OutOfMemoryError e) {
                // The held events are what fills the heap: let them go, then name the limit that bounds them.
                int held = sorter.bufferedEvents();
                sorter = null;
                throw new UserException("Out of memory with " + held + " events held for sorting"
                        + (maxBuffer == 0 ? " (--max-buffer 0: no limit)" : " (--max-buffer " + maxBuffer + ")")
                        + ": use a smaller --max-buffer");
            }
        } finally {
            for (AutoCloseable c : closing) {
                try {
                    c.close();
                } catch (IOException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IOException(e);
                }
            }
        }
    }

    private void refuseInPlace(Path inputFile) throws IOException {
        if (!OutputFiles.isStream(out) && Files.exists(out) && Files.isSameFile(out, inputFile)) {
            throw new UserException("Cannot sort a file in-place. Please specify an output file that's different to the input one.");
        }
    }
}
