package org.jretis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
    void elvishCompletesEachCommandPath(@TempDir Path dir) throws Exception {
        String elvish = CliRun.of("sh-complete", "--shell", "elvish").out();
        assertThat(elvish).contains("set edit:completion:arg-completer[retis] = {|@words|")
                .contains("&'retis'= {\n            edit:complex-candidate 'collect'")
                .contains("&'retis;profile;list'= {")
                .contains("edit:complex-candidate '--skb-sections'");
        Assumptions.assumeTrue(onPath("elvish"), "elvish is not installed");
        // The edit: module exists in interactive shells only: run the completer with stand-ins.
        Path script = dir.resolve("retis.elv");
        Files.writeString(script, "fn candidate {|word &display=''| echo $word }\n"
                + elvish.replace("set edit:completion:arg-completer[retis] =", "var completer =")
                        .replace("edit:complex-candidate", "candidate")
                + "$completer retis profile ''\n");
        Process run = new ProcessBuilder("elvish", script.toString()).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes());
        assertThat(run.waitFor()).as(output).isZero();
        assertThat(output.lines().toList()).contains("list", "--help");
    }

    @Test
    void powershellRegistersANativeCompleter() {
        String ps = CliRun.of("sh-complete", "--shell", "powershell").out();
        assertThat(ps).contains("Register-ArgumentCompleter -Native -CommandName 'retis' -ScriptBlock {")
                .contains("'retis;collect' {")
                .contains("[CompletionResult]::new('--skb-sections', '--skb-sections', [CompletionResultType]::ParameterName, ")
                .contains("[CompletionResult]::new('python', 'python', [CompletionResultType]::ParameterValue, "
                        + "'Runs Python scripts with events imported.')")
                .doesNotContain("--emit");
    }

    @ParameterizedTest
    @CsvSource({"bash, retis.bash", "zsh, _retis", "fish, retis.fish", "elvish, retis.elv", "powershell, _retis.ps1"})
    void registerWritesClapsFileNameIntoADirectory(String shell, String name, @TempDir Path dir) {
        assertThat(CliRun.of("sh-complete", "--shell", shell, "--register", dir.toString()).status()).isZero();
        assertThat(dir.resolve(name)).exists();
    }

    @Test
    void registerWritesAFileAtThePathGiven(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("completion");
        assertThat(CliRun.of("sh-complete", "--shell", "bash", "--register", file.toString()).status()).isZero();
        assertThat(Files.readString(file)).contains("complete -F");
    }

    private static boolean onPath(String tool) {
        return java.util.Arrays.stream(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    @Test
    void anUnknownShellIsAUsageError() {
        assertThat(CliRun.of("sh-complete", "--shell", "tcsh").status()).isEqualTo(Main.EXIT_USAGE);
    }
}
