package dev.albatross.tender.jna;

import java.io.IOException;

/**
 * A libc call failed (process or network-device calls alike). The message is the {@code strerror} text ("No such
 * file or directory", "Operation not permitted"), so that callers can prefix it with the step and the object:
 * "spawning /x/solo5-hvt for :hello: ...".
 */
public final class ErrnoException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;

    ErrnoException(String call, int errno, String description) {
        super(description);
        this.call = call;
        this.errno = errno;
    }

    /** The failing call, e.g. "posix_spawn", "pidfd_open" or "ioctl(TUNSETIFF)". */
    public String call() {
        return call;
    }

    public int errno() {
        return errno;
    }
}
