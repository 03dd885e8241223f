package dev.albatross.console.fifo;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Path;

/** Creates fifos for tests, as albatrossd does (mode 0640). */
final class Mkfifo {
    private interface Libc extends Library {
        // Native: mkfifo(3) takes a NUL-terminated path (JNA converts the String) and a mode; no fd is opened.
        Libc INSTANCE = Native.load("c", Libc.class);

        int mkfifo(String path, int mode);
    }

    private Mkfifo() {
    }

    static boolean supported() {
        return Platform.isLinux() && Native.LONG_SIZE == 8;
    }

    static Path make(Path path) throws IOException {
        if (Libc.INSTANCE.mkfifo(path.toString(), 0640) != 0) {
            throw Errno.exception("mkfifo " + path);
        }
        return path;
    }
}
