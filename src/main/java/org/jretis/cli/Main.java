package org.jretis.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jretis.log.Log;
import org.jretis.profile.ProfileExpander;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Entry point: parses the command line (expanding profiles as Retis does, by appending their
 * arguments and parsing again), runs the subcommand and turns every failure into one line on
 * stderr and an exit status: 1 for a failure, 2 for a usage error.
 */
public final class Main {
    public static final int EXIT_USAGE = 2;

    private Main() {}

    public static void main(String[] args) {
        int status = run(args);
        System.out.flush();
        System.exit(status);
    }

    /** Runs one command line and returns the exit status, without exiting. */
    public static int run(String... args) {
        try {
            return execute(args);
        } catch (ParameterException e) {
            System.err.println("Error: " + e.getMessage() + " (see '"
                    + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            System.err.flush();
            return EXIT_USAGE;
        } catch (Throwable e) {
            return fail(e);
        }
    }

    private static int execute(String[] args) {
        CommandLine firstPass = commandLine();
        ParseResult parsed = firstPass.parseArgs(args);
        RetisCommand globals = firstPass.getCommand();
        Log.setLevel(globals.logLevel);
        if (CommandLine.printHelpIfRequested(parsed)) {
            return 0;
        }
        if (!parsed.hasSubcommand()) {
            firstPass.usage(firstPass.getErr());
            return EXIT_USAGE;
        }
        String subcommand = parsed.subcommand().commandSpec().name();
        List<String> expanded = new ArrayList<>(Arrays.asList(args));
        if (!globals.profiles.isEmpty()) {
            expanded.addAll(ProfileExpander.expand(globals.profiles, globals.extraProfilesDir, subcommand));
        }
        RetisCommand root = new RetisCommand();
        root.expandedArgs = List.copyOf(expanded);
        return commandLine(root).execute(expanded.toArray(String[]::new));
    }

    static CommandLine commandLine() {
        return commandLine(new RetisCommand());
    }

    static CommandLine commandLine(RetisCommand root) {
        CommandLine cli = new CommandLine(root);
        cli.setAbbreviatedSubcommandsAllowed(true);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // picocli catches what a handler throws and prints its stack trace: report it here instead.
        cli.setExecutionExceptionHandler((e, commandLine, result) -> fail(e));
        cli.setParameterExceptionHandler((e, args) -> {
            throw e;
        });
        return cli;
    }

    private static int fail(Throwable e) {
        if (e instanceof UserException u) {
            report(u);
            return u.exitCode();
        }
        report(e);
        return 1;
    }

    /** Retis' way: {@code Error: <message>}, one line. */
    private static void report(Throwable e) {
        System.err.println("Error: " + oneLine(e));
        System.err.flush();
        if (Log.debugEnabled()) {
            e.printStackTrace();
        }
    }

    /** The message of the failure, with its causes' messages when they add something. */
    static String oneLine(Throwable e) {
        StringBuilder line = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message == null || message.isBlank()) {
                message = t.getClass().getSimpleName();
            }
            if (line.indexOf(message) >= 0) {
                continue;
            }
            if (!line.isEmpty()) {
                line.append(": ");
            }
            line.append(message.strip().replace('\n', ' '));
        }
        return line.toString();
    }
}
