package dev.albatross.tender.jna;

import static dev.albatross.tender.jna.ProcessLibC.LIBC;

import com.sun.jna.Memory;

/**
 * An epoll instance watching descriptors for readability. {@link #add} and {@link #remove} may be called from any
 * thread while one thread waits in {@link #await}; the kernel serialises them.
 */
public final class Epoll implements AutoCloseable {
    private final int epfd;
    private final Memory events;
    private final int capacity;

    private Epoll(int epfd, int capacity) {
        this.epfd = epfd;
        this.capacity = capacity;
        this.events = new Memory((long) ProcessLibC.EPOLL_EVENT_BYTES * capacity);
    }

    /** A new close-on-exec epoll instance reporting up to {@code batch} ready descriptors per {@link #await}. */
    public static Epoll create(int batch) throws ErrnoException {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be positive: " + batch);
        }
        // Native: epoll_create1(2) with EPOLL_CLOEXEC; the fd is owned by this object and closed by close().
        int fd = LIBC.epoll_create1(ProcessLibC.EPOLL_CLOEXEC);
        if (fd < 0) {
            throw ProcessLibC.lastError("epoll_create1");
        }
        return new Epoll(fd, batch);
    }

    /** Watches {@code fd} for EPOLLIN (level-triggered); the event carries {@code fd} itself. */
    public void add(int fd) throws ErrnoException {
        // Native: struct epoll_event (sys/epoll.h), layout in ProcessLibC; the kernel copies it during the call.
        try (Memory event = new Memory(ProcessLibC.EPOLL_EVENT_BYTES)) {
            event.clear();
            event.setInt(0, ProcessLibC.EPOLLIN);
            event.setLong(ProcessLibC.EPOLL_EVENT_DATA_OFFSET, fd);
            if (LIBC.epoll_ctl(epfd, ProcessLibC.EPOLL_CTL_ADD, fd, event) != 0) {
                throw ProcessLibC.lastError("epoll_ctl(ADD)");
            }
        }
    }

    public void remove(int fd) throws ErrnoException {
        // Native: EPOLL_CTL_DEL ignores the event argument since 2.6.9, so NULL.
        if (LIBC.epoll_ctl(epfd, ProcessLibC.EPOLL_CTL_DEL, fd, null) != 0) {
            throw ProcessLibC.lastError("epoll_ctl(DEL)");
        }
    }

    /**
     * Blocks until at least one watched descriptor is readable and writes them to {@code ready}; returns how many
     * (0 when a signal interrupted the wait). Only one thread may call this at a time.
     */
    public int await(int[] ready) throws ErrnoException {
        int max = Math.min(capacity, ready.length);
        // Native: the kernel writes at most max events into the buffer of capacity events; timeout -1 blocks.
        int count = LIBC.epoll_wait(epfd, events, max, -1);
        if (count < 0) {
            ErrnoException error = ProcessLibC.lastError("epoll_wait");
            if (error.errno() == ProcessLibC.EINTR) {
                return 0;
            }
            throw error;
        }
        for (int i = 0; i < count; i++) {
            long offset = (long) i * ProcessLibC.EPOLL_EVENT_BYTES + ProcessLibC.EPOLL_EVENT_DATA_OFFSET;
            ready[i] = (int) events.getLong(offset);
        }
        return count;
    }

    @Override
    public void close() throws ErrnoException {
        try {
            Descriptors.close(epfd);
        } finally {
            events.close();
        }
    }
}
