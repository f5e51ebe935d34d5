package org.jretis.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
    void namesTheReasonWithoutJavaExceptionNames(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-dir/events.json");
        assertThatThrownBy(() -> OutputFiles.create(missing))
                .hasMessage("Cannot write to " + missing + ": no such file or directory");
        assertThatThrownBy(() -> OutputFiles.create(dir))
                .hasMessage("Cannot write to " + dir + ": Is a directory");
    }
}
