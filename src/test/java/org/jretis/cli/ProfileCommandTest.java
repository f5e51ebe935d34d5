package org.jretis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileCommandTest {

    @TempDir
    Path dir;

    @Test
    void listShowsUserFilesThenBuiltInsInRetisFormatAndSkipsInvalidFiles() throws Exception {
        Path mine = dir.resolve("mine.yaml");
        Files.writeString(mine, """
                version: 1.0
                name: my-profile
                about: Mine
                collect:
                  - args: {probe: tp:net:netif_rx}
                """);
        Path broken = dir.resolve("broken.yml");
        Files.writeString(broken, "version: 1.0\nabout: no name\n");
        Files.writeString(dir.resolve("notes.txt"), "not a profile");

        CliRun run = CliRun.of("-P", dir.toString(), "profile", "list");

        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith(mine + ":\n  my-profile           Mine\n");
        assertThat(run.out()).contains("""
                built-in drop.yaml:
                  dropmon              Drop monitor-like
                """);
        assertThat(run.out()).contains("  ifdump               Dumps packet after the device in ingress")
                .contains("  generic              Generic set of probes").doesNotContain("notes");
        assertThat(run.err()).isEqualTo("WARN  Skipping invalid file " + broken + ": missing field `name`\n");
    }

    @Test
    void bareProfileListsToo() {
        assertThat(CliRun.of("profile").out()).contains("built-in ifdump.yaml:");
    }

    @Test
    void aProfileFromATemporaryDirectoryIsAppliedToCollect() throws Exception {
        Files.writeString(dir.resolve("bad-collectors.yaml"), """
                version: 1.0
                name: tmp-profile
                collect:
                  - args: {stop-after: many}
                """);
        // The profile's arguments reach collect's parser, which refuses this one before running.
        CliRun run = CliRun.of("-P", dir.toString(), "-p", "tmp-profile", "collect");
        assertThat(run.err()).startsWith("Applying profile tmp-profile\nError: Invalid value for option '--stop-after': 'many'");
        assertThat(run.status()).isEqualTo(Main.EXIT_USAGE);
    }
}
