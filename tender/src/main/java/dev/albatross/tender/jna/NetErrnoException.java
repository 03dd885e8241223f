package dev.albatross.tender.jna;

import java.io.IOException;

/** A network-device syscall failed; the message is the {@code strerror} text, e.g. "Operation not permitted". */
public final class NetErrnoException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;

    NetErrnoException(String call, int errno, String description) {
        super(description);
        this.call = call;
        this.errno = errno;
    }

    /** The failing call, e.g. "ioctl(TUNSETIFF)". */
    public String call() {
        return call;
    }

    public int errno() {
        return errno;
    }
}
