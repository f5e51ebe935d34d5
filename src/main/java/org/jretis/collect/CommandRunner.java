package org.jretis.collect;

import java.io.File;
import java.io.IOException;

/**
 * Runs {@code --cmd} with {@code sh -c} once the probes are attached, its output discarded, and
 * stops the collection when it exits.
 */
final class CommandRunner {
    private final Process process;

    private CommandRunner(Process process) {
        this.process = process;
    }

    static CommandRunner start(String command, Stopper stopper) throws CollectException {
        Process process;
        try {
            process = new ProcessBuilder("sh", "-c", command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new CollectException("Cannot run command '" + command + "'", e);
        }
        process.onExit().thenAccept(p -> stopper.stop("Command returned (" + status(p.exitValue()) + "), terminating ..."));
        return new CommandRunner(process);
    }

    /** As Rust shows an ExitStatus: {@code exit status: N}. */
    private static String status(int code) {
        return code > 128 ? "signal: " + (code - 128) : "exit status: " + code;
    }

    /** Ends the command if the collection stopped first. */
    void stop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }
}
