package org.jretis.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Opens files that receive captured data: created mode 0600 (packets may be sensitive), and
 * never through a symbolic link (a root process writing where a link points is an attack).
 */
public final class OutputFiles {

    private OutputFiles() {}

    public static OutputStream create(Path path) throws IOException {
        try {
            FileChannel channel = FileChannel.open(path,
                    Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                            LinkOption.NOFOLLOW_LINKS),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            return Channels.newOutputStream(channel);
        } catch (FileSystemException e) {
            String reason = e.getReason();
            if (reason != null && reason.contains("symbolic links")) {
                reason = "is a symbolic link";
            }
            throw new IOException("Cannot write to " + path + ": " + (reason == null ? e.getClass().getSimpleName() : reason), e);
        }
    }
}
