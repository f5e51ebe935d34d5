package org.jretis.event.json;

import java.nio.file.Path;

/** Retis' own events files, read in place from the shared fixtures directory. */
public final class Fixtures {
    public static final Path DIR = Path.of(System.getProperty("user.dir")).resolve("../shared/fixtures/retis-events")
            .normalize();

    private Fixtures() {}

    public static Path file(String name) {
        return DIR.resolve(name);
    }
}
