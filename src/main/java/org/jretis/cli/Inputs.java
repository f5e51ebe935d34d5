package org.jretis.cli;

import org.jretis.event.json.EventFileException;
import org.jretis.event.json.EventFileReader;
import org.jretis.event.json.InputSpec;
import org.jretis.log.Log;

/**
 * The input of an offline command. Bad lines are skipped with a warning and counted: a command
 * that skipped any exits with status 1 once it has processed the rest, so scripts notice.
 */
final class Inputs {
    private long skipped;

    EventFileReader open(String input) throws EventFileException {
        return EventFileReader.open(InputSpec.parse(input), warning -> {
            skipped++;
            Log.warn(warning);
        });
    }

    /** 0 when every line was read, 1 when some were skipped. */
    int status() {
        return skipped == 0 ? 0 : 1;
    }
}
