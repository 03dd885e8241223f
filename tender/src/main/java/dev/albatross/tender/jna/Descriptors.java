package dev.albatross.tender.jna;

import static dev.albatross.tender.jna.ProcessLibC.LIBC;

/** Closing raw descriptors obtained from the other classes of this package. */
final class Descriptors {
    private Descriptors() {
    }

    static void close(int fd) throws ErrnoException {
        // Native: close(2). On Linux the descriptor is released even when close reports EINTR, so never retry.
        if (LIBC.close(fd) != 0) {
            ErrnoException error = ProcessLibC.lastError("close");
            if (error.errno() != ProcessLibC.EINTR) {
                throw error;
            }
        }
    }
}
