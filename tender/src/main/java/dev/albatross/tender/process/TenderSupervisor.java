package dev.albatross.tender.process;

import dev.albatross.tender.jna.Epoll;
import dev.albatross.tender.jna.ErrnoException;
import dev.albatross.tender.jna.EventFd;
import java.io.IOException;
import java.time.InstantSource;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spawns tenders and reports how each one ends. The module's entry point for the daemon.
 *
 * <p>Spawning uses glibc {@code posix_spawn} (not {@link ProcessBuilder}, whose exit value folds a signal into
 * 128+n) on the calling thread, one spawn at a time: its CPU affinity is set to the unikernel's CPUs just for the
 * spawn and then restored (a dedicated spawner thread cost a thread hand-off per create, as long as the spawn
 * itself). Each child gets its own session, default signal handling, stdin from /dev/null, stdout and stderr on
 * its console fifo, a minimal environment, and no other descriptor.
 *
 * <p>Supervision uses one "tender-reaper" thread for all children, waiting on their pidfds with epoll; thousands
 * of tenders cost thousands of descriptors, not threads. {@link #close()} stops watching but never signals a
 * tender: they keep running (their own sessions survive the daemon), to be re-adopted by a later daemon through
 * the persisted {@link ProcessIdentity}.
 */
public final class TenderSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TenderSupervisor.class);

    private final Spawner spawner;
    /** Held for a spawn; {@link #close()} takes it to wait for one under way. */
    private final Object spawning = new Object();
    private final Reaper reaper;
    private final Thread reaperThread;
    private final Epoll epoll;
    private final EventFd wakeup;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TenderSupervisor(Spawner spawner, Epoll epoll, EventFd wakeup, Reaper reaper) {
        this.spawner = spawner;
        this.epoll = epoll;
        this.wakeup = wakeup;
        this.reaper = reaper;
        this.reaperThread = daemonThread(reaper, "tender-reaper");
    }

    /** Starts a supervisor using the system clock, completing exit futures on the common pool. */
    public static TenderSupervisor start() throws IOException {
        return start(InstantSource.system(), ForkJoinPool.commonPool());
    }

    /**
     * Starts a supervisor. {@code clock} gives each tender's start time; {@code completions} runs the completion of
     * exit futures (and so their dependent stages), keeping them off the reaper thread.
     */
    public static TenderSupervisor start(InstantSource clock, Executor completions) throws IOException {
        Epoll epoll = null;
        EventFd wakeup = null;
        try {
            epoll = Epoll.create(64);
            wakeup = EventFd.create();
            Reaper reaper = new Reaper(epoll, wakeup, completions);
            TenderSupervisor supervisor = new TenderSupervisor(new Spawner(clock), epoll, wakeup, reaper);
            supervisor.reaperThread.start();
            return supervisor;
        } catch (ErrnoException e) {
            closeQuietly(wakeup);
            closeQuietly(epoll);
            throw new IOException("starting the tender supervisor: " + e.call() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Spawns the tender of {@code spec} and supervises it. Blocks until the tender has been exec'd (or failed to).
     *
     * @throws IOException naming the failed step: "spawning /x/solo5-hvt for :hello: No such file or directory";
     *                     nothing is left running then
     */
    public TenderProcess spawn(LaunchSpec spec) throws IOException {
        synchronized (spawning) {
            if (closed.get()) {
                throw new IOException("spawning the tender of " + spec.name() + ": the supervisor is closed");
            }
            return spawnAndWatch(spec);
        }
    }

    private TenderProcess spawnAndWatch(LaunchSpec spec) throws IOException {
        TenderProcess child = spawner.spawn(spec);
        try {
            reaper.watch(child);
        } catch (ErrnoException e) {
            child.signal(9);
            throw new IOException("supervising " + child + ": " + e.getMessage(), e);
        }
        return child;
    }

    /** How many spawned tenders have not been reaped yet. */
    public int supervisedCount() {
        return reaper.size();
    }

    /**
     * Stops spawning and watching. Running tenders are left running and their exit futures complete exceptionally
     * with a {@link java.util.concurrent.CancellationException}. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        synchronized (spawning) {
            // A spawn under way has finished: its child is watched, so it is detached below like the others.
        }
        boolean interrupted = false;
        try {
            reaper.stop();
            reaperThread.join();
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (ErrnoException e) {
            LOG.error("stopping the tender reaper: {}", e.getMessage());
        }
        if (reaperThread.isAlive()) {
            // Interrupted or the reaper could not be woken: leave the descriptors to the running thread.
            LOG.error("tender reaper thread did not stop; leaving its descriptors open");
        } else {
            reaper.detachAll();
            closeQuietly(wakeup);
            closeQuietly(epoll);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemonThread(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        // Neither thread may keep the JVM alive: tenders outlive the daemon by design.
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // Cleanup on an error or shutdown path: the descriptor is released by the kernel either way.
            LOG.warn("closing {}: {}", closeable, e.getMessage());
        }
    }
}
