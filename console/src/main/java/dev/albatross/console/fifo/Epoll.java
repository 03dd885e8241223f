package dev.albatross.console.fifo;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;

/**
 * One epoll instance with an eventfd to wake its waiter. Registrations carry a 64-bit token that the reader maps
 * to its fifo (not the fd, whose number the kernel reuses after a close). {@link #await} and the event accessors
 * belong to the reader thread; {@link #wake} may be called from any thread.
 */
final class Epoll implements AutoCloseable {
    /** The token of the wake-up eventfd; fifo tokens start at 1. */
    static final long WAKE_TOKEN = 0;

    /*
     * struct epoll_event { uint32_t events; epoll_data_t data; } (sys/epoll.h) is __attribute__((packed)) on
     * x86-64 only: 12 bytes with data at offset 4 there, 16 bytes with data at offset 8 elsewhere (arm64).
     */
    private static final boolean PACKED = "x86-64".equals(Platform.ARCH);
    private static final int EVENT_BYTES = PACKED ? 12 : 16;
    private static final int DATA_OFFSET = PACKED ? 4 : 8;

    private final LibC libc;
    private final int epfd;
    private final int wakeFd;
    private final int maxEvents;
    private final Memory events;
    private final Memory control = new Memory(EVENT_BYTES);
    private final Memory counter = new Memory(Long.BYTES);
    private boolean closed;

    private Epoll(LibC libc, int epfd, int wakeFd, int maxEvents) {
        this.libc = libc;
        this.epfd = epfd;
        this.wakeFd = wakeFd;
        this.maxEvents = maxEvents;
        this.events = new Memory((long) EVENT_BYTES * maxEvents);
    }

    /** An epoll instance reporting up to {@code maxEvents} per wait, its wake-up eventfd registered. */
    static Epoll open(int maxEvents) throws IOException {
        if (Native.LONG_SIZE != 8) {
            throw new IOException("console fifos need a 64-bit Linux (read(2) is mapped with 64-bit sizes)");
        }
        LibC libc = LibC.INSTANCE;
        // Native: epoll_create1(EPOLL_CLOEXEC) returns a new fd; Epoll.close() closes it.
        int epfd = libc.epoll_create1(LibC.O_CLOEXEC);
        if (epfd < 0) {
            throw Errno.exception("creating the console epoll instance");
        }
        // Native: eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK): a 64-bit counter fd; Epoll.close() closes it.
        int wakeFd = libc.eventfd(0, LibC.O_CLOEXEC | LibC.O_NONBLOCK);
        if (wakeFd < 0) {
            IOException e = Errno.exception("creating the console wake-up eventfd");
            // Native: undoes the epoll_create1 above; the fd was never handed out.
            libc.close(epfd);
            throw e;
        }
        Epoll epoll = new Epoll(libc, epfd, wakeFd, maxEvents);
        try {
            epoll.add(wakeFd, WAKE_TOKEN);
        } catch (IOException e) {
            epoll.close();
            throw e;
        }
        return epoll;
    }

    /** Watches {@code fd} for input, hang-up and error (level-triggered), reporting {@code token}. */
    void add(int fd, long token) throws IOException {
        control.setInt(0, LibC.EPOLLIN);
        control.setLong(DATA_OFFSET, token);
        // Native: epoll_ctl copies the EVENT_BYTES-byte struct epoll_event from `control`; fd stays the caller's.
        if (libc.epoll_ctl(epfd, LibC.EPOLL_CTL_ADD, fd, control) != 0) {
            throw Errno.exception("watching fd " + fd + " with epoll");
        }
    }

    /** Stops watching {@code fd} (closing it would too; this keeps the order explicit). */
    void remove(int fd) throws IOException {
        // Native: EPOLL_CTL_DEL ignores the event argument (may be NULL since Linux 2.6.9).
        if (libc.epoll_ctl(epfd, LibC.EPOLL_CTL_DEL, fd, null) != 0) {
            throw Errno.exception("unwatching fd " + fd);
        }
    }

    /** Waits until something is ready; how many events are there (0 if interrupted by a signal). */
    int await() throws IOException {
        // Native: epoll_wait fills at most maxEvents structs of EVENT_BYTES into `events` (sized for them).
        int n = libc.epoll_wait(epfd, events, maxEvents, -1);
        if (n < 0) {
            int errno = Native.getLastError();
            if (errno == LibC.EINTR) {
                return 0;
            }
            throw Errno.exception("waiting for console fifos", errno);
        }
        return n;
    }

    long token(int i) {
        return events.getLong((long) i * EVENT_BYTES + DATA_OFFSET);
    }

    int events(int i) {
        return events.getInt((long) i * EVENT_BYTES);
    }

    /** Makes {@link #await} return; from any thread. */
    synchronized void wake() throws IOException {
        if (closed) {
            throw new IOException("waking the console fifo reader: it stopped");
        }
        Memory one = new Memory(Long.BYTES);
        one.setLong(0, 1);
        // Native: write(2) of the 8-byte counter increment to the eventfd; EAGAIN only if the counter would
        // overflow, which cannot happen before the reader drains it.
        if (libc.write(wakeFd, one, Long.BYTES) != Long.BYTES) {
            throw Errno.exception("waking the console fifo reader");
        }
    }

    /** Resets the wake-up counter; reader thread only. */
    void drainWake() {
        // Native: read(2) of 8 bytes resets the eventfd counter; EAGAIN (already zero) is fine: non-blocking fd.
        libc.read(wakeFd, counter, Long.BYTES);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true; // wake() must never write to these fd numbers once the kernel may have reused them
        // Native: both fds were created in open() and are closed only here.
        libc.close(wakeFd);
        libc.close(epfd);
    }
}
