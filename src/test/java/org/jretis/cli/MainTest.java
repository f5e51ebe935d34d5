package org.jretis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.jretis.log.Log;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A failing subcommand is one {@code Error:} line and status 1, its stack trace only at debug level. */
class MainTest {
    private final PrintStream savedErr = System.err;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void restore() {
        System.setErr(savedErr);
        Log.setStream(savedErr);
        Log.setLevel(Log.Level.INFO);
    }

    @Test
    void aFailingCollectionIsOneErrorLine() {
        int status = run("collect", "-p", "bogus:net:netif_receive_skb");
        assertThat(status).isEqualTo(1);
        assertThat(stderr().lines().toList()).singleElement().asString().startsWith("Error: ");
    }

    @Test
    void debugLevelAddsTheStackTrace() {
        int status = run("--log-level", "debug", "collect", "-p", "bogus:net:netif_receive_skb");
        assertThat(status).isEqualTo(1);
        assertThat(stderr()).contains("Error: ").contains("\tat org.jretis.");
    }

    @Test
    void guessesTheSubcommandPastGlobalOptionsAndTheirValues() {
        assertThat(Main.subcommandName(new String[] {"collect", "-o", "x"})).isEqualTo("collect");
        assertThat(Main.subcommandName(new String[] {"--log-level", "debug", "-p", "collect", "print", "f"}))
                .isEqualTo("print");
        assertThat(Main.subcommandName(new String[] {"--log-level=debug", "-h"})).isNull();
    }

    @Test
    void modelsOnlyTheSubcommandNamedInFullAfterGlobalOptions() {
        assertThat(Main.soleSubcommand(new String[] {"--log-level", "debug", "-p", "ifdump", "collect", "-o", "x"}))
                .isEqualTo("collect");
        assertThat(Main.soleSubcommand(new String[] {"--log-level=debug", "-pifdump", "print", "-h"})).isEqualTo("print");
        assertThat(Main.soleSubcommand(new String[] {"-h", "collect"})).isNull();
        assertThat(Main.soleSubcommand(new String[] {"col"})).isNull();
        assertThat(Main.soleSubcommand(new String[] {"--version"})).isNull();
    }

    @Test
    void theRootHelpListsEverySubcommand() {
        CliRun help = CliRun.of("-h", "collect");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("collect", "print", "sort", "python", "pcap", "inspect", "profile",
                "sh-complete", "schema", "stats");
    }

    @Test
    void aUsageErrorExitsTwo() {
        assertThat(run("collect", "--no-such-option")).isEqualTo(Main.EXIT_USAGE);
        assertThat(stderr().lines().toList()).singleElement().asString().startsWith("Error: Unknown option");
    }

    @Test
    void anUnknownSubcommandIsAUsageErrorEvenWithHelp() {
        assertThat(run("nosuchcmd", "-h")).isEqualTo(Main.EXIT_USAGE);
        assertThat(stderr()).startsWith("Error: Unmatched argument at index 0: 'nosuchcmd'");
        assertThat(run("nosuchcmd")).isEqualTo(Main.EXIT_USAGE);
    }

    @Test
    void pythonHelpDescribesTheCommand() {
        CliRun help = CliRun.of("python", "-h");
        assertThat(help.status()).isZero();
        assertThat(help.out()).startsWith("Usage: retis python ").contains("Runs Python scripts with events imported.")
                .contains("--input").doesNotContain("--emit");
    }

    private int run(String... args) {
        PrintStream capture = new PrintStream(err, true, StandardCharsets.UTF_8);
        System.setErr(capture);
        Log.setStream(capture);
        return Main.run(args);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
