package org.jretis.event.json;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jretis.event.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Whole events files (startup line, layout versions, series, truncation, blank and bad lines) as
 * a broken disk would leave them: the reader answers with events, a warning per skipped line, or
 * an {@link EventFileException}, never anything else.
 */
class EventFileFuzzTest {
    private static Path file;

    @BeforeAll
    static void createFile() throws IOException {
        file = Files.createTempFile("jretis-fuzz", ".json");
    }

    @AfterAll
    static void deleteFile() throws IOException {
        Files.deleteIfExists(file);
    }

    @FuzzTest(maxDuration = "10s")
    void readsAnyFile(byte[] content) {
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (EventFileReader reader = EventFileReader.open(new InputSpec(file, false), warning -> {})) {
            for (Event e; (e = reader.nextEvent()) != null; ) {
                EventWriter.toJson(e);
                reader.canonicalJsonWithoutPacket(e);
            }
        } catch (EventFileException e) {
            // the reader's answer to a file it cannot read
        }
    }
}
