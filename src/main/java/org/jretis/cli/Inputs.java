package org.jretis.cli;

import org.jretis.event.json.EventFileException;
import org.jretis.event.json.EventFileReader;
import org.jretis.event.json.InputSpec;
import org.jretis.log.Log;
import org.jretis.log.Progress;
import picocli.CommandLine.Parameters;

/**
 * The input of an offline command, {@code [INPUT]}. Bad lines are skipped with a warning and
 * counted: a command that skipped any exits with status 1 once it has processed the rest, so
 * scripts notice.
 */
final class Inputs {
    @Parameters(arity = "0..1", paramLabel = "INPUT",
            description = "FILE, or FILE.. to follow split files (default: retis.data, else retis.data.0..).")
    String input;

    private long skipped;

    EventFileReader open() throws EventFileException {
        return EventFileReader.open(InputSpec.parse(input), warning -> {
            skipped++;
            Log.warn(warning);
        });
    }

    /**
     * A status line while {@code reader} is read: on a terminal stderr, unless the command writes
     * to stdout and stdout is a terminal too (the output, or its pager, would be drawn over).
     */
    static Progress progress(EventFileReader reader, boolean writesStdout) {
        return writesStdout && Progress.isTerminal(1)
                ? Progress.none()
                : Progress.start(reader::eventsRead, reader::position);
    }

    /** 0 when every line was read, 1 when some were skipped. */
    int status() {
        return skipped == 0 ? 0 : 1;
    }
}
