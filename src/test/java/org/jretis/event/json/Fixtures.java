package org.jretis.event.json;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Retis' own events files, read in place: from {@code -Djretis.fixtures=DIR}, else from the shared
 * directory beside the checkout (CI lays it there), else from the team's shared directory, so the
 * suite finds them from a checkout anywhere (a clone in /root, a worktree).
 */
public final class Fixtures {
    public static final Path DIR = locate();

    private Fixtures() {}

    public static Path file(String name) {
        return DIR.resolve(name);
    }

    private static Path locate() {
        String configured = System.getProperty("jretis.fixtures");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        Path beside = Path.of(System.getProperty("user.dir")).resolve("../shared/fixtures/retis-events").normalize();
        Path team = Path.of("/work/shared/fixtures/retis-events");
        return Files.isDirectory(beside) || !Files.isDirectory(team) ? beside : team;
    }
}
