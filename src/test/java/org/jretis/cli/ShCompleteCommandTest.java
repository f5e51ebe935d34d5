package org.jretis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShCompleteCommandTest {

    @Test
    void bashScriptIsValidBashAndCompletesSubcommands(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("sh-complete", "--shell", "bash");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("collect").contains("inspect").contains("--skb-sections");
        Path script = dir.resolve("retis.bash");
        Files.writeString(script, run.out());
        Process bash = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
        assertThat(bash.waitFor()).as(new String(bash.getInputStream().readAllBytes())).isZero();
    }

    @Test
    void zshLoadsTheBashScriptThroughBashcompinit() {
        assertThat(CliRun.of("sh-complete", "--shell", "zsh").out())
                .startsWith("autoload -U +X bashcompinit && bashcompinit\n").contains("complete -F");
    }

    @Test
    void fishCompletesSubcommandsAndTheirOptions() {
        String fish = CliRun.of("sh-complete", "--shell", "fish").out();
        assertThat(fish).startsWith("complete -c retis -f\n")
                .contains("complete -c retis -n __fish_use_subcommand -a collect -d 'Collect network events")
                .contains("complete -c retis -n '__fish_seen_subcommand_from collect' -l stack\n")
                .contains("complete -c retis -n '__fish_seen_subcommand_from collect' -s p -r\n");
    }

    @Test
    void registerWritesTheShellsUsualFileIntoADirectory(@TempDir Path dir) {
        assertThat(CliRun.of("sh-complete", "--shell", "fish", "--register", dir.toString()).status()).isZero();
        assertThat(dir.resolve("retis.fish")).exists();
    }

    @Test
    void anUnknownShellIsAUsageError() {
        assertThat(CliRun.of("sh-complete", "--shell", "tcsh").status()).isEqualTo(Main.EXIT_USAGE);
    }
}
