package org.jretis.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jretis.event.Event;
import org.jretis.event.json.EventFileReader;
import org.jretis.event.json.Fixtures;
import org.jretis.event.json.InputSpec;

/** Reading Retis' fixtures and our golden files from the process tests. */
final class ProcessFixtures {
    static final Path FIXTURES = Fixtures.DIR;
    static final Path GOLDEN = Path.of(System.getProperty("user.dir")).resolve("src/test/resources/golden");

    private ProcessFixtures() {}

    static EventFileReader open(Path file) throws IOException {
        return EventFileReader.open(new InputSpec(file, false), w -> {
            throw new AssertionError("unexpected warning: " + w);
        });
    }

    static List<Event> events(Path file) throws IOException {
        List<Event> events = new ArrayList<>();
        try (EventFileReader reader = open(file)) {
            for (Event e; (e = reader.nextEvent()) != null; ) {
                events.add(e);
            }
        }
        return events;
    }

    static String golden(String name) throws IOException {
        return Files.readString(GOLDEN.resolve(name), StandardCharsets.UTF_8);
    }
}
