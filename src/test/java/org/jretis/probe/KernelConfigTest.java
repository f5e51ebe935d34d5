package org.jretis.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelConfigTest {
    private static final String CONFIG = """
            #
            # Automatically generated file; DO NOT EDIT.
            CONFIG_KPROBES=y
            CONFIG_OPENVSWITCH=m
            # CONFIG_KPROBE_EVENTS_ON_NOTRACE is not set
            CONFIG_LOCALVERSION="-fc"
            CONFIG_NR_CPUS=64
            """;

    @Test
    void readsValuesUnsetOptionsAndStrings(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("config"), CONFIG);
        KernelConfig config = KernelConfig.read(file);
        assertThat(config.enabled("CONFIG_KPROBES")).isTrue();
        assertThat(config.enabled("CONFIG_OPENVSWITCH")).isTrue();
        assertThat(config.option("CONFIG_KPROBE_EVENTS_ON_NOTRACE")).contains("n");
        assertThat(config.enabled("CONFIG_KPROBE_EVENTS_ON_NOTRACE")).isFalse();
        assertThat(config.option("CONFIG_LOCALVERSION")).contains("-fc");
        assertThat(config.option("CONFIG_NR_CPUS")).contains("64");
        assertThat(config.option("CONFIG_NO_SUCH")).isEmpty();
    }

    @Test
    void readsAGzipCompressedConfigAsProcConfigGz(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("config.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(CONFIG.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(KernelConfig.read(file).enabled("CONFIG_KPROBES")).isTrue();
    }
}
