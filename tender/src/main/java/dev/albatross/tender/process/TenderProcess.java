package dev.albatross.tender.process;

import dev.albatross.tender.jna.ErrnoException;
import dev.albatross.tender.jna.PidFd;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * A running (or exited) tender started by {@link TenderSupervisor}. Signals go through its pidfd, so they can never
 * reach a later process that reused the pid. {@link #exit()} completes, off the supervisor's reaper thread, with the
 * exact {@link ExitStatus}.
 */
public final class TenderProcess {
    private static final int SIGTERM = 15;

    private final String name;
    private final ProcessIdentity identity;
    private final Instant startTime;
    private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
    /** The pidfd, or -1 once the child is reaped or the supervisor closed; guarded by {@code this}. */
    private int pidfd;

    TenderProcess(String name, ProcessIdentity identity, Instant startTime, int pidfd) {
        this.name = name;
        this.identity = identity;
        this.startTime = startTime;
        this.pidfd = pidfd;
    }

    /** The unikernel's name, as given in the {@link LaunchSpec}. */
    public String name() {
        return name;
    }

    public int pid() {
        return identity.pid();
    }

    /** Pid and start ticks: what to persist so that a later daemon can recognise this process. */
    public ProcessIdentity identity() {
        return identity;
    }

    /** Wall-clock time of the spawn (Albatross's "start time", spec §7.7). */
    public Instant startTime() {
        return startTime;
    }

    /**
     * Completes with the exit status once the tender has been reaped. Completes exceptionally with a
     * {@link CancellationException} if the supervisor is closed first (the tender keeps running), or with an
     * {@link IOException} if waiting for it failed. Each call returns a new dependent future.
     */
    public CompletableFuture<ExitStatus> exit() {
        return exit.copy();
    }

    /**
     * Sends {@code signal} (Linux numbering) to the tender. Returns false if it has already exited and been reaped.
     */
    public boolean signal(int signal) throws IOException {
        synchronized (this) {
            if (pidfd < 0) {
                return false;
            }
            try {
                return PidFd.sendSignal(pidfd, signal);
            } catch (ErrnoException e) {
                throw new IOException("sending signal " + signal + " to the tender of " + name + " (pid " + pid()
                        + "): " + e.getMessage(), e);
            }
        }
    }

    /** SIGTERM: the tender exits promptly with status 1 ("Exiting on signal 15"). */
    public boolean terminate() throws IOException {
        return signal(SIGTERM);
    }

    @Override
    public String toString() {
        return "tender of " + name + " (pid " + pid() + ")";
    }

    /** Reaper thread: the status if the child has exited (it is then reaped; the pidfd stays open until finish). */
    synchronized Optional<PidFd.ChildState> reapIfExited() throws ErrnoException {
        return pidfd < 0 ? Optional.empty() : PidFd.reapIfExited(pidfd);
    }

    /** Closes the pidfd; afterwards {@link #signal} answers false. Idempotent. */
    synchronized void releasePidFd() throws ErrnoException {
        if (pidfd >= 0) {
            int fd = pidfd;
            pidfd = -1;
            PidFd.close(fd);
        }
    }

    synchronized int pidfd() {
        return pidfd;
    }

    void complete(ExitStatus status) {
        exit.complete(status);
    }

    void fail(Throwable cause) {
        exit.completeExceptionally(cause);
    }
}
