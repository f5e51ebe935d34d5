package org.jretis.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jretis.log.Log;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code retis} command: global options, and the subcommands. */
@Command(name = "retis",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Trace packets in the Linux networking stack (a Java implementation of Retis).")
public final class RetisCommand {
    /**
     * The subcommands, in the order of the help. Not in the annotation: {@link Main} models only
     * the one a command line names when it can (picocli's model of each costs start-up time).
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            CollectCommand.class,
            PrintCommand.class,
            SortCommand.class,
            PythonCommand.class,
            PcapCommand.class,
            InspectCommand.class,
            ProfileCommand.class,
            ShCompleteCommand.class,
            SchemaCommand.class,
            StatsCommand.class);

    @Option(names = "--log-level", paramLabel = "<LEVEL>", defaultValue = "info",
            converter = LogLevelConverter.class,
            description = "Log level: error, warn, info, debug, trace (default: ${DEFAULT-VALUE}).")
    Log.Level logLevel = Log.Level.INFO;

    @Option(names = {"-p", "--profile"}, split = ",", paramLabel = "<PROFILE>",
            description = "Profile name or YAML file to apply (comma separated, repeatable).")
    List<String> profiles = new ArrayList<>();

    @Option(names = {"-P", "--extra-profiles-dir"}, paramLabel = "<DIR>",
            description = "Extra directory searched first for profiles.")
    Path extraProfilesDir;

    /** The command line after profile expansion, as recorded in the startup event. */
    List<String> expandedArgs = List.of();

    /** The expanded command line as one string, starting with {@code retis}. */
    String cmdline() {
        return "retis " + String.join(" ", expandedArgs);
    }
}
