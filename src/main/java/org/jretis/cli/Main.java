package org.jretis.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jretis.collect.EarlyStart;
import org.jretis.log.Log;
import org.jretis.profile.ProfileExpander;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Entry point: parses the command line (expanding profiles as Retis does, by appending their
 * arguments and parsing again), runs the subcommand and turns every failure into one line on
 * stderr and an exit status: 1 for a failure, 2 for a usage error.
 */
public final class Main {
    public static final int EXIT_USAGE = 2;
    private static final Set<String> GLOBAL_OPTIONS_WITH_VALUE =
            Set.of("--log-level", "-p", "--profile", "-P", "--extra-profiles-dir");
    /** A global option with its value in the same argument: --log-level=debug, -pifdump. */
    private static final Pattern GLOBAL_OPTION_AND_VALUE =
            Pattern.compile("(--log-level|--profile|--extra-profiles-dir)=.*|-[pP].+");

    private Main() {}

    public static void main(String[] args) {
        // Started before parsing, which takes a while: see EarlyStart.
        if ("collect".equals(subcommandName(args))) {
            EarlyStart.start();
        }
        int status = run(args);
        System.out.flush();
        System.exit(status);
    }

    /** Runs one command line and returns the exit status, without exiting. */
    public static int run(String... args) {
        try {
            return execute(args);
        } catch (ParameterException e) {
            return usageError(e);
        } catch (Throwable e) {
            return fail(e);
        }
    }

    private static int execute(String[] args) throws Exception {
        String sole = soleSubcommand(args);
        CommandLine firstPass = commandLine(new RetisCommand(), sole);
        ParseResult parsed = firstPass.parseArgs(args);
        RetisCommand globals = firstPass.getCommand();
        Log.setLevel(globals.logLevel);
        // picocli lets unmatched arguments pass when help is asked for: `retis nosuchcmd -h`
        // must still be the usage error `retis nosuchcmd` is.
        if (!parsed.unmatched().isEmpty()) {
            throw new UnmatchedArgumentException(firstPass, parsed.unmatched());
        }
        if (CommandLine.printHelpIfRequested(parsed)) {
            return 0;
        }
        if (!parsed.hasSubcommand()) {
            firstPass.usage(firstPass.getErr());
            return EXIT_USAGE;
        }
        String subcommand = parsed.subcommand().commandSpec().name();
        ParseResult toRun = parsed;
        if (globals.profiles.isEmpty()) {
            globals.expandedArgs = List.of(args);
        } else {
            // Building picocli's model costs tens of milliseconds of start-up: done twice only
            // when profiles add arguments.
            List<String> expanded = new ArrayList<>(Arrays.asList(args));
            expanded.addAll(ProfileExpander.expand(globals.profiles, globals.extraProfilesDir, subcommand));
            RetisCommand root = new RetisCommand();
            root.expandedArgs = List.copyOf(expanded);
            toRun = commandLine(root, sole).parseArgs(expanded.toArray(String[]::new));
        }
        // Run here rather than by CommandLine.execute, which prints a stack trace for whatever
        // its handlers throw: failures must reach run() to become one "Error:" line.
        try {
            return new CommandLine.RunLast().execute(toRun);
        } catch (CommandLine.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /**
     * The subcommand the arguments name, guessed before picocli parses them (which takes a
     * while): the first argument that is neither an option nor a global option's value.
     */
    static String subcommandName(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (GLOBAL_OPTIONS_WITH_VALUE.contains(args[i])) {
                i++;
            } else if (!args[i].startsWith("-")) {
                return args[i];
            }
        }
        return null;
    }

    /**
     * The subcommand to model alone: the one the arguments name in full, when all they give
     * before it is global options with their values; null when the root must know every
     * subcommand (help, version, an abbreviation, a usage error).
     */
    static String soleSubcommand(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (GLOBAL_OPTIONS_WITH_VALUE.contains(args[i])) {
                i++;
            } else if (!GLOBAL_OPTION_AND_VALUE.matcher(args[i]).matches()) {
                String name = args[i];
                return RetisCommand.SUBCOMMANDS.stream().anyMatch(c -> name.equals(name(c))) ? name : null;
            }
        }
        return null;
    }

    /** The whole command line: every subcommand. */
    static CommandLine commandLine() {
        return commandLine(new RetisCommand(), null);
    }

    /** @param sole the one subcommand to model, or null for all */
    static CommandLine commandLine(RetisCommand root, String sole) {
        CommandLine cli = new CommandLine(root);
        for (Class<?> subcommand : RetisCommand.SUBCOMMANDS) {
            if (sole == null || sole.equals(name(subcommand))) {
                cli.addSubcommand(subcommand);
            }
        }
        // After the subcommands: these settings reach only those already added.
        cli.setAbbreviatedSubcommandsAllowed(true);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // `retis python script.py -x`: what follows the script is the script's.
        CommandLine python = cli.getSubcommands().get("python");
        if (python != null) {
            python.setStopAtPositional(true);
        }
        return cli;
    }

    private static String name(Class<?> subcommand) {
        return subcommand.getAnnotation(Command.class).name();
    }

    private static int usageError(ParameterException e) {
        System.err.println("Error: " + e.getMessage() + " (see '"
                + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
        System.err.flush();
        return EXIT_USAGE;
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
