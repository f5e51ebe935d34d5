package org.jretis.event.json;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import org.jretis.event.Event;

/**
 * Whole events files (startup line, layout versions, series, truncation, blank and bad lines) as
 * a broken disk would leave them: the reader answers with events, a warning per skipped line, or
 * an {@link EventFileException}, never anything else.
 */
class EventFileFuzzTest {
    private static final Path NAME = Path.of("fuzzed.json");

    @FuzzTest(maxDuration = "10s")
    void readsAnyFile(byte[] content) {
        try (EventFileReader reader = EventFileReader.open(NAME, new ByteArrayInputStream(content), warning -> {})) {
            for (Event e; (e = reader.nextEvent()) != null; ) {
                EventWriter.toJson(e);
                reader.canonicalJsonWithoutPacket(e);
            }
        } catch (EventFileException e) {
            // the reader's answer to a file it cannot read
        }
    }
}
