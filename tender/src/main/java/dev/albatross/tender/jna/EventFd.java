package dev.albatross.tender.jna;

import static dev.albatross.tender.jna.ProcessLibC.LIBC;

import com.sun.jna.Memory;

/** An eventfd used to wake a thread blocked in {@link Epoll#await}. */
public final class EventFd implements AutoCloseable {
    private final int fd;

    private EventFd(int fd) {
        this.fd = fd;
    }

    public static EventFd create() throws ErrnoException {
        // Native: eventfd(2), close-on-exec and non-blocking; the fd is owned by this object.
        int fd = LIBC.eventfd(0, ProcessLibC.EFD_CLOEXEC | ProcessLibC.EFD_NONBLOCK);
        if (fd < 0) {
            throw ProcessLibC.lastError("eventfd");
        }
        return new EventFd(fd);
    }

    public int fd() {
        return fd;
    }

    /** Makes the eventfd readable (adds 1 to its counter). */
    public void signal() throws ErrnoException {
        // Native: an eventfd is written with exactly 8 bytes, a host-order u64.
        try (Memory one = new Memory(8)) {
            one.setLong(0, 1L);
            if (LIBC.write(fd, one, 8) != 8) {
                ErrnoException error = ProcessLibC.lastError("write(eventfd)");
                // EAGAIN: the counter is already at its maximum, so it is readable anyway.
                if (error.errno() != ProcessLibC.EAGAIN) {
                    throw error;
                }
            }
        }
    }

    @Override
    public void close() throws ErrnoException {
        Descriptors.close(fd);
    }
}
