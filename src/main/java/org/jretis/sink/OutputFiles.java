package org.jretis.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
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
        } catch (IOException e) {
            throw cannotWrite(path, e);
        }
    }

    /** One line naming the file and the reason, without Java's exception names. */
    private static IOException cannotWrite(Path path, IOException e) {
        String prefix = "Cannot write to " + path + ": ";
        if (e.getMessage() != null && e.getMessage().contains("symbolic links")) {
            // ELOOP under O_NOFOLLOW: the kernel's message would only confuse.
            return new IOException(prefix + "it is a symbolic link");
        }
        String reason = switch (e) {
            case NoSuchFileException missing -> "no such file or directory";
            case AccessDeniedException denied -> "permission denied";
            case FileSystemException other when other.getReason() != null -> other.getReason();
            default -> e.getMessage();
        };
        return new IOException(prefix + reason, e);
    }
}
