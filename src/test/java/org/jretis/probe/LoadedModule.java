package org.jretis.probe;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A kernel module with BTF, loaded for a test (modprobe) when it was not, and unloaded after it;
 * the test is skipped where the module cannot be loaded (a kernel without modules, as this
 * project's machine).
 */
public final class LoadedModule implements AutoCloseable {
    private final String name;
    private final boolean loadedHere;

    private LoadedModule(String name, boolean loadedHere) {
        this.name = name;
        this.loadedHere = loadedHere;
    }

    public static LoadedModule require(String name) throws IOException, InterruptedException {
        Path btf = Path.of("/sys/kernel/btf", name);
        if (Files.exists(btf)) {
            return new LoadedModule(name, false);
        }
        boolean loaded = run("modprobe", name) == 0;
        assumeTrue(loaded && Files.exists(btf), "module " + name + " with BTF cannot be loaded here");
        return new LoadedModule(name, true);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (loadedHere) {
            run("modprobe", "-r", name);
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (IOException e) {
            return -1; // no modprobe
        }
    }
}
