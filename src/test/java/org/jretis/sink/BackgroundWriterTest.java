package org.jretis.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackgroundWriterTest {
    @Test
    void writesEverythingInOrderAcrossChunks() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        Random random = new Random(1);
        try (BackgroundWriter out = new BackgroundWriter(Channels.newChannel(sink), "test-writer")) {
            for (int i = 0; i < 20_000; i++) { // ~11 MB: more than all chunks together
                byte[] line = new byte[random.nextInt(1100)];
                random.nextBytes(line);
                out.write(line, 0, line.length);
                out.write('\n');
                expected.write(line);
                expected.write('\n');
                if (i % 1000 == 0) {
                    out.flush();
                }
            }
        }
        assertThat(sink.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void reportsAWriteErrorWithoutBlocking() throws IOException {
        WritableByteChannel failing = new WritableByteChannel() {
            public int write(ByteBuffer src) throws IOException {
                throw new IOException("No space left on device");
            }

            public boolean isOpen() {
                return true;
            }

            public void close() {}
        };
        BackgroundWriter out = new BackgroundWriter(failing, "test-writer");
        byte[] block = new byte[1 << 16];
        assertThatThrownBy(() -> {
            for (int i = 0; i < 1000; i++) { // 64 MB: the chunks come back after the failure
                out.write(block, 0, block.length);
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("No space left on device");
        assertThatThrownBy(out::close).hasMessageContaining("No space left on device");
    }
}
