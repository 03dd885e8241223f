package dev.albatross.tender.process;

import dev.albatross.tender.jna.Epoll;
import dev.albatross.tender.jna.ErrnoException;
import dev.albatross.tender.jna.EventFd;
import dev.albatross.tender.jna.PidFd;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread for all children: waits on every child's pidfd with epoll, reaps each exited child with
 * {@code waitid(P_PIDFD)} and completes its future on the completion executor, never on this thread.
 */
final class Reaper implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Reaper.class);
    private static final int BATCH = 64;

    // waitid si_code values for SIGCHLD, from bits/siginfo-consts.h.
    private static final int CLD_EXITED = 1;
    private static final int CLD_KILLED = 2;
    private static final int CLD_DUMPED = 3;
    private static final int CLD_STOPPED = 5;

    private final Epoll epoll;
    private final EventFd wakeup;
    private final Executor completions;
    /** Supervised children by pidfd. An entry leaves the map and epoll before its pidfd is closed. */
    private final Map<Integer, TenderProcess> children = new ConcurrentHashMap<>();
    private volatile boolean closing;

    Reaper(Epoll epoll, EventFd wakeup, Executor completions) throws ErrnoException {
        this.epoll = epoll;
        this.wakeup = wakeup;
        this.completions = completions;
        epoll.add(wakeup.fd());
    }

    /** Starts watching {@code child}. */
    void watch(TenderProcess child) throws ErrnoException {
        int fd = child.pidfd();
        children.put(fd, child);
        try {
            epoll.add(fd);
        } catch (ErrnoException e) {
            children.remove(fd);
            throw e;
        }
    }

    int size() {
        return children.size();
    }

    /** Makes {@link #run} return; the children stay untouched (see {@link #detachAll}). */
    void stop() throws ErrnoException {
        closing = true;
        wakeup.signal();
    }

    @Override
    public void run() {
        int[] ready = new int[BATCH];
        try {
            while (!closing) {
                int count = epoll.await(ready);
                for (int i = 0; i < count && !closing; i++) {
                    if (ready[i] != wakeup.fd()) {
                        reap(ready[i]);
                    }
                }
            }
        } catch (ErrnoException | RuntimeException e) {
            // Top of the thread: without this loop no exit is ever reported again, so fail every waiter loudly.
            LOG.error("tender reaper stopped: {}", e.getMessage(), e);
            failAll(new IOException("tender reaper stopped: " + e.getMessage(), e));
        }
    }

    private void reap(int fd) {
        TenderProcess child = children.get(fd);
        if (child == null) {
            return;
        }
        Optional<PidFd.ChildState> state;
        try {
            state = child.reapIfExited();
        } catch (ErrnoException e) {
            forget(fd, child);
            child.fail(new IOException("waiting for " + child + ": " + e.getMessage(), e));
            return;
        }
        if (state.isEmpty()) {
            return;
        }
        forget(fd, child);
        ExitStatus status = toExitStatus(state.get());
        LOG.debug("{} stopped with {}", child, status.describe());
        try {
            completions.execute(() -> child.complete(status));
        } catch (RejectedExecutionException e) {
            // The executor is shutting down; completing here still delivers the status.
            child.complete(status);
        }
    }

    private void forget(int fd, TenderProcess child) {
        children.remove(fd);
        try {
            epoll.remove(fd);
            child.releasePidFd();
        } catch (ErrnoException e) {
            LOG.warn("releasing the pidfd of {}: {}", child, e.getMessage());
        }
    }

    static ExitStatus toExitStatus(PidFd.ChildState state) {
        return switch (state.code()) {
            case CLD_EXITED -> new ExitStatus.Exited(state.status() & 0xff);
            case CLD_KILLED -> new ExitStatus.Signaled(state.status(), false);
            case CLD_DUMPED -> new ExitStatus.Signaled(state.status(), true);
            case CLD_STOPPED -> new ExitStatus.Stopped(state.status());
            default -> throw new IllegalStateException("waitid reported si_code " + state.code());
        };
    }

    /** After {@link #run} returned: closes every pidfd and tells each waiter that supervision ended. */
    void detachAll() {
        for (TenderProcess child : List.copyOf(children.values())) {
            forget(child.pidfd(), child);
            child.fail(new CancellationException(
                    "supervisor closed; " + child + " was left running"));
        }
    }

    private void failAll(IOException cause) {
        for (TenderProcess child : List.copyOf(children.values())) {
            forget(child.pidfd(), child);
            child.fail(cause);
        }
    }
}
