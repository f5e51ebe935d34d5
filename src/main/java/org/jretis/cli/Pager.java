package org.jretis.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Where {@code print}, {@code sort} and {@code stats} write: a pager when stdout is a terminal, as
 * Retis does ({@code $PAGER}, else {@code less -FRX}; {@code NOPAGER} turns it off), else stdout.
 */
final class Pager {

    private Pager() {}

    static OutputStream stdout() {
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        if (System.getenv("NOPAGER") != null || System.console() == null || !System.console().isTerminal()) {
            return stdout;
        }
        String pager = System.getenv("PAGER");
        List<String> command = pager == null || pager.isBlank() ? List.of("less", "-FRX") : List.of("sh", "-c", pager);
        try {
            Process process = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            return new FilterOutputStream(process.getOutputStream()) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        try {
                            process.waitFor();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }
            };
        } catch (IOException e) {
            return stdout;
        }
    }
}
