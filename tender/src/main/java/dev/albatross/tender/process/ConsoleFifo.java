package dev.albatross.tender.process;

import dev.albatross.tender.jna.ErrnoException;
import dev.albatross.tender.jna.NamedPipe;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;

/**
 * A unikernel's console fifo, {@code <tmpdir>/fifo/<name>} (spec §1), mode 0640. The console daemon holds its read
 * end; the tender's stdout and stderr are its write end.
 */
public record ConsoleFifo(Path path) {
    /** S_IFMT and S_IFIFO from sys/stat.h. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;

    public ConsoleFifo {
        Objects.requireNonNull(path, "path");
    }

    /** Where the fifo of {@code name} lives, without touching the file system. */
    public static ConsoleFifo of(Path tmpdir, String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a usable fifo name: " + name);
        }
        return new ConsoleFifo(tmpdir.resolve("fifo").resolve(name));
    }

    /**
     * Creates the fifo of {@code name}, or reuses it if a fifo is already there (as Albatross does).
     *
     * @throws FileAlreadyExistsException if something other than a fifo has that path
     */
    public static ConsoleFifo create(Path tmpdir, String name) throws IOException {
        ConsoleFifo fifo = of(tmpdir, name);
        fifo.createOrReuse();
        return fifo;
    }

    private void createOrReuse() throws IOException {
        try {
            NamedPipe.create(path.toString(), 0640);
        } catch (ErrnoException e) {
            if (e.errno() == NamedPipe.EEXIST) {
                if (!isFifo(path)) {
                    throw new FileAlreadyExistsException(path.toString(), null, "exists and is not a fifo");
                }
                return;
            }
            throw new IOException("creating console fifo " + path + ": " + e.getMessage(), e);
        }
        // mkfifo applies the process umask; set the mode explicitly instead of changing the process-wide umask
        // (Albatross relaxes the umask around mkfifo, which would race with other threads here).
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r-----"));
    }

    /** Removes the fifo; nothing happens if it is already gone. */
    public void delete() throws IOException {
        Files.deleteIfExists(path);
    }

    /** True if {@code path} exists and is a fifo (symlinks not followed). */
    static boolean isFifo(Path path) throws IOException {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return (mode & S_IFMT) == S_IFIFO;
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}
