package org.jretis.probe;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The running kernel's build configuration ({@code CONFIG_...} options), read from the file the
 * user names ({@code --kconf}) or found where distributions keep it, as Retis looks for it.
 */
public final class KernelConfig {
    private final Map<String, String> options;

    KernelConfig(Map<String, String> options) {
        this.options = options;
    }

    /** The configuration at a known place for this kernel release, if any can be read. */
    public static Optional<KernelConfig> find(String release) {
        for (Path path : List.of(Path.of("/proc/config.gz"), Path.of("/boot/config-" + release),
                Path.of("/lib/modules", release, "config"), Path.of("/run/host/usr/lib/modules", release, "config"))) {
            try {
                return Optional.of(read(path));
            } catch (IOException e) {
                // try the next place
            }
        }
        return Optional.empty();
    }

    /** Reads a configuration file, plain or gzip-compressed (as /proc/config.gz). */
    public static KernelConfig read(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        try (InputStream in = bytes.length > 1 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b
                ? new GZIPInputStream(new ByteArrayInputStream(bytes)) : new ByteArrayInputStream(bytes)) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** {@code CONFIG_X=value} lines, and {@code # CONFIG_X is not set} as value {@code n}. */
    static KernelConfig parse(String text) {
        Map<String, String> options = new HashMap<>();
        text.lines().forEach(l -> {
            int eq = l.indexOf('=');
            if (l.startsWith("CONFIG_") && eq > 0) {
                String value = l.substring(eq + 1);
                options.put(l.substring(0, eq), value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")
                        ? value.substring(1, value.length() - 1) : value);
            } else if (l.startsWith("# CONFIG_") && l.endsWith(" is not set")) {
                options.put(l.substring(2, l.length() - " is not set".length()), "n");
            }
        });
        return new KernelConfig(options);
    }

    /** An option's value ({@code y}, {@code m}, {@code n}, a number or a string), empty when absent. */
    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** Whether an option is built in or a module. */
    public boolean enabled(String name) {
        return option(name).filter(v -> v.equals("y") || v.equals("m")).isPresent();
    }

    /** The running kernel's release ({@code uname -r}). */
    public static String release() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
