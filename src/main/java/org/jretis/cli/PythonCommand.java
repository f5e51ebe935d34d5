package org.jretis.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jretis.bpf.BpfUnavailableException;
import org.jretis.bpf.Signals;
import org.jretis.event.json.InputSpec;
import org.jretis.log.Log;
import org.jretis.python.EventStream;
import org.jretis.python.PythonRuntime;
import org.jretis.sink.ReaderGone;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sun.misc.Signal;

/**
 * {@code retis python}: runs a Python script, or an interactive console, with {@code reader} (an
 * {@code EventFile} of the {@code retis} package) over the input, in the system's CPython. The
 * package reads events through this tool run again with {@code --emit}, so events print exactly as
 * {@code retis print} prints them.
 */
@Command(name = "python", mixinStandardHelpOptions = true,
        description = {"Runs Python scripts with events imported.",
                "The script (or, without one, an interactive console) runs in python3 with a global "
                        + "'reader' (retis.EventFile) over the input; its arguments are in sys.argv."})
public final class PythonCommand implements Callable<Integer> {
    /** Where scripts given by name only are looked for, as Retis does. */
    private static final String SYSTEM_SCRIPTS = "/usr/share/retis/python";
    /** Sets up the package and hands over to it: the package's path comes first in argv. */
    private static final String BOOTSTRAP =
            "import sys; sys.path.insert(0, sys.argv.pop(1)); from retis._shell import main; main(sys.argv[1:])";

    @Option(names = {"-i", "--input"}, paramLabel = "<INPUT>",
            description = "FILE, or FILE.. to follow split files (default: retis.data, else retis.data.0..).")
    String input;

    @Option(names = "--path",
            description = "Print the directory to add to PYTHONPATH to use the retis package outside of this command.")
    boolean printPath;

    @Option(names = "--emit", hidden = true,
            description = "Write the input's events for the retis package (its internal protocol).")
    boolean emit;

    @Option(names = "--emit-sections", hidden = true,
            description = "Answer events read on stdin with their sections' texts, for the retis package.")
    boolean emitSections;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCRIPT",
            description = "Python script to run (omit it for an interactive console). A name without "
                    + "'.py' that is not a file is looked up in $HOME/.config/retis/python and " + SYSTEM_SCRIPTS + ".")
    String script;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the script (in sys.argv).")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (printPath) {
            System.out.println(PythonRuntime.packagePath());
            return 0;
        }
        InputSpec spec = InputSpec.parse(input);
        if (emit || emitSections) {
            try {
                EventStream stream = new EventStream(new FileOutputStream(FileDescriptor.out));
                if (emit) {
                    stream.events(spec, Log::warn);
                } else {
                    stream.sections(new InputSpec(Path.of("/dev/stdin"), false), Log::warn);
                }
            } catch (IOException e) {
                if (!ReaderGone.causes(e)) {
                    throw e;
                }
            }
            return 0;
        }
        Path python = PythonRuntime.interpreter()
                .orElseThrow(() -> new UserException("python3 not found: install Python 3.7 or later"));
        List<String> command = new ArrayList<>(List.of(python.toString(), "-c", BOOTSTRAP,
                PythonRuntime.packagePath().toString(), spec.first().toString(), spec.followsSplits() ? "1" : "0"));
        if (script != null) {
            command.add(resolveScript(script).toString());
            command.addAll(args);
        }
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put(PythonRuntime.COMMAND_VARIABLE, PythonRuntime.readerCommand());
        ignoreInterrupts();
        Process process = builder.start();
        forwardTermination(process);
        return process.waitFor();
    }

    /**
     * SIGTERM and SIGQUIT sent to this JVM end the script too. The launcher blocks them (taken
     * here with sigwait); run otherwise, the JVM's shutdown on SIGTERM ends it.
     */
    private static void forwardTermination(Process process) {
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        try {
            if (!Signals.blocked(Signals.SIGTERM, Signals.SIGQUIT)) {
                return;
            }
        } catch (BpfUnavailableException e) {
            Log.debug("cannot wait for signals: " + e.getMessage());
            return;
        }
        Thread.ofPlatform().daemon().name("signals").start(() -> {
            try {
                while (process.isAlive()) {
                    if (Signals.await(200, Signals.SIGTERM, Signals.SIGQUIT) != 0) {
                        process.destroy();
                    }
                }
            } catch (BpfUnavailableException e) {
                Log.debug("cannot wait for signals: " + e.getMessage());
            }
        });
    }

    /**
     * Ctrl-C is the console's (a KeyboardInterrupt): this JVM, in the same process group, must
     * outlive it to return the script's status. Started by the launcher, it never sees SIGINT.
     */
    private static void ignoreInterrupts() {
        try {
            Signal.handle(new Signal("INT"), signal -> { });
        } catch (IllegalArgumentException e) {
            Log.debug("SIGINT is the JVM's: " + e.getMessage());
        }
    }

    /** The script as given when it is a file, else {@code <name>.py} in the scripts directories. */
    static Path resolveScript(String script) {
        Path given = Path.of(script);
        if (Files.exists(given)) {
            return given;
        }
        List<Path> dirs = new ArrayList<>();
        String home = System.getenv("HOME");
        if (home != null) {
            dirs.add(Path.of(home, ".config/retis/python"));
        }
        dirs.add(Path.of(SYSTEM_SCRIPTS));
        for (Path dir : dirs) {
            Path candidate = dir.resolve(script + ".py");
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new UserException("Python script named " + script + " not found");
    }
}
