package dev.albatross.console.fifo;

import com.sun.jna.Native;
import java.io.IOException;

/** Turns the calling thread's {@code errno} into an exception naming the step that failed. */
final class Errno {
    private Errno() {
    }

    static IOException exception(String step) {
        return exception(step, Native.getLastError());
    }

    static IOException exception(String step, int errno) {
        // Native: glibc's strerror returns a static string for every known errno; JNA copies it.
        return new IOException(step + ": " + LibC.INSTANCE.strerror(errno) + " (errno " + errno + ")");
    }
}
