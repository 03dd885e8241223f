package dev.albatross.tender.jna;

import java.io.IOException;

/**
 * A process-related libc call failed. The message is the {@code strerror} text ("No such file or directory"),
 * so that callers can prefix it with the step and the object: "spawning /x/solo5-hvt for :hello: ...".
 */
public final class ProcessErrnoException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;

    ProcessErrnoException(String call, int errno, String description) {
        super(description);
        this.call = call;
        this.errno = errno;
    }

    /** The failing call, e.g. "posix_spawn" or "pidfd_open". */
    public String call() {
        return call;
    }

    public int errno() {
        return errno;
    }
}
