package org.jretis.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {

    @Test
    void createsFilesReadableByTheOwnerOnly(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("events.json");
        try (OutputStream out = OutputFiles.create(file)) {
            out.write('x');
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void refusesASymbolicLinkAndLeavesItsTargetAlone(@TempDir Path dir) throws IOException {
        Path target = Files.writeString(dir.resolve("target"), "untouched");
        Path link = Files.createSymbolicLink(dir.resolve("events.json"), target);
        assertThatThrownBy(() -> OutputFiles.create(link))
                .hasMessage("Cannot write to " + link + ": it is a symbolic link");
        assertThat(target).hasContent("untouched");
    }

    @Test
    void refusesToTruncateAnExistingFileThroughALink(@TempDir Path dir) throws IOException {
        Path target = Files.writeString(dir.resolve("target"), "untouched");
        Path link = Files.createSymbolicLink(dir.resolve("events.json"), target);
        assertThatThrownBy(() -> OutputFiles.create(link)).hasMessageEndingWith("it is a symbolic link");
        assertThat(target).hasContent("untouched");
    }

    @Test
    void writesAFifoAlsoThroughALink(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Path link = Files.createSymbolicLink(dir.resolve("events.json"), fifo);
        for (Path path : new Path[] {fifo, link}) {
            CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return Files.readAllBytes(fifo);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            assertThat(OutputFiles.isStream(path)).isTrue();
            try (OutputStream out = OutputFiles.create(path)) {
                out.write("{}\n".getBytes(StandardCharsets.US_ASCII));
            }
            assertThat(read.get(10, TimeUnit.SECONDS)).asString(StandardCharsets.US_ASCII).isEqualTo("{}\n");
        }
    }

    @Test
    void stdoutHasTheUsualNames() {
        for (String name : new String[] {"-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"}) {
            assertThat(OutputFiles.isStdout(Path.of(name))).as(name).isTrue();
        }
        assertThat(OutputFiles.isStdout(Path.of("./-x"))).isFalse();
        assertThat(OutputFiles.isStream(Path.of("/dev/null"))).isTrue();
    }

    @Test
    void namesTheReasonWithoutJavaExceptionNames(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-dir/events.json");
        assertThatThrownBy(() -> OutputFiles.create(missing))
                .hasMessage("Cannot write to " + missing + ": no such file or directory");
        assertThatThrownBy(() -> OutputFiles.create(dir))
                .hasMessage("Cannot write to " + dir + ": Is a directory");
    }
}
