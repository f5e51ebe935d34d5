package org.jretis.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonRuntimeTest {

    @Test
    void python3OnThePathComesFirstThenTheSystemsThenNone(@TempDir Path dir) throws Exception {
        Path users = Files.createDirectories(dir.resolve("pyenv/shims"));
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path python = Files.createFile(users.resolve("python3"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Path system = Files.createFile(dir.resolve("system-python3"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));

        assertThat(PythonRuntime.interpreter(empty + ":" + users, system)).contains(python);
        assertThat(PythonRuntime.interpreter(empty.toString(), system)).contains(system);
        assertThat(PythonRuntime.interpreter(null, dir.resolve("none"))).isEmpty();
    }

    @Test
    void thePackageLiesUnderPythonNextToTheClasses() {
        assertThat(PythonRuntime.packagePath().resolve("retis/__init__.py")).exists();
    }

    @Test
    void theReaderCommandIsThisJvmRunningTheMainClass() {
        assertThat(PythonRuntime.readerCommand().split("\n"))
                .startsWith(Path.of(System.getProperty("java.home"), "bin", "java").toString())
                .endsWith("-cp", System.getProperty("java.class.path"), "org.jretis.cli.Main");
    }
}
