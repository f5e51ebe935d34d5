package org.jretis.sink;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Opens where captured data goes. Standard output is named {@code -} or {@code /dev/stdout} (and
 * its {@code /dev/fd/1}, {@code /proc/self/fd/1} aliases): that descriptor is written as it is, so
 * a pipe, a socket or a file opened with {@code >>} by the shell all work. A FIFO or a character
 * device is written as such, also through a symbolic link ({@code /dev/fd/3}). A regular file is
 * created mode 0600 (packets may be sensitive) and never through a symbolic link: a root process
 * creating or truncating a file where a planted link points is an attack.
 */
public final class OutputFiles {
    private static final Set<String> STDOUT = Set.of("-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1");

    private OutputFiles() {}

    /** Whether {@code path} names standard output rather than a file. */
    public static boolean isStdout(Path path) {
        return STDOUT.contains(path.toString());
    }

    /** Whether {@code path} is a stream (stdout, a FIFO, a device) that cannot be renamed or compared. */
    public static boolean isStream(Path path) {
        return isStdout(path) || isSpecial(path);
    }

    public static OutputStream create(Path path) throws IOException {
        if (isStdout(path)) {
            return new FileOutputStream(FileDescriptor.out);
        }
        return Channels.newOutputStream(channel(path));
    }

    /**
     * {@link #create} as a channel, for writers that hand it native memory (which a stream
     * would copy into native memory again).
     */
    public static WritableByteChannel channel(Path path) throws IOException {
        if (isStdout(path)) {
            return Channels.newChannel(new FileOutputStream(FileDescriptor.out));
        }
        try {
            if (isSpecial(path)) {
                // Neither created nor truncated: only an existing FIFO or device is opened.
                return FileChannel.open(path, StandardOpenOption.WRITE);
            }
            return FileChannel.open(path,
                    Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                            LinkOption.NOFOLLOW_LINKS),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw cannotWrite(path, e);
        }
    }

    /** An existing FIFO, character or block device, or socket (links followed). */
    private static boolean isSpecial(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).isOther();
        } catch (IOException e) {
            return false; // absent or unreadable: the regular path reports why
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
