package dev.albatross.tender.jna;

import static dev.albatross.tender.jna.ProcessLibC.LIBC;

/** Fifos: creating one, and opening its write end for a child's console. */
public final class NamedPipe {
    /** ENXIO: opening a fifo's write end without blocking when nobody holds the read end. */
    public static final int ENXIO = ProcessLibC.ENXIO;
    /** EEXIST: {@link #create} found something at the path. */
    public static final int EEXIST = 17;

    private NamedPipe() {
    }

    /**
     * {@code mkfifo(path, mode)}; the process umask still applies to {@code mode}. EEXIST if the path exists.
     */
    public static void create(String path, int mode) throws ErrnoException {
        // Native: mkfifo(3); the path is copied by JNA into a NUL-terminated buffer for the call.
        if (LIBC.mkfifo(path, mode) != 0) {
            throw ProcessLibC.lastError("mkfifo");
        }
    }

    /**
     * Opens the write end of the fifo {@code path} in append mode, close-on-exec, without ever blocking: ENXIO
     * (as a {@link ErrnoException}) if nobody holds the read end. The returned descriptor is blocking again,
     * as a tender's stdout must be. The caller owns it and closes it with {@link #close}.
     */
    public static int openWriter(String path) throws ErrnoException {
        // Native: open(2) with O_WRONLY|O_APPEND|O_NONBLOCK|O_CLOEXEC; the non-blocking open of a fifo's write end
        // fails with ENXIO instead of waiting for a reader. O_CLOEXEC keeps it out of children spawned by other
        // threads meanwhile; the tender gets it through dup2 in its spawn file actions.
        int fd = LIBC.open(path, ProcessLibC.O_WRONLY | ProcessLibC.O_APPEND | ProcessLibC.O_NONBLOCK
                | ProcessLibC.O_CLOEXEC, 0);
        if (fd < 0) {
            throw ProcessLibC.lastError("open");
        }
        // Native: fcntl(2) F_GETFL/F_SETFL to clear O_NONBLOCK (file status flags; FD_CLOEXEC is not among them).
        int flags = LIBC.fcntl(fd, ProcessLibC.F_GETFL, 0);
        if (flags < 0 || LIBC.fcntl(fd, ProcessLibC.F_SETFL, flags & ~ProcessLibC.O_NONBLOCK) < 0) {
            ErrnoException error = ProcessLibC.lastError("fcntl");
            closeQuietly(fd);
            throw error;
        }
        return fd;
    }

    public static void close(int fd) throws ErrnoException {
        Descriptors.close(fd);
    }

    private static void closeQuietly(int fd) {
        // Native: close(2); only used on an error path where the first error is the one reported.
        LIBC.close(fd);
    }
}
