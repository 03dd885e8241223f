package dev.albatross.daemon.store;

import dev.albatross.protocol.state.StateFile;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes state snapshots on its own thread, coalescing: when several snapshots arrive while one is being
 * written, only the newest is written next. The command thread hands over an immutable snapshot and goes on,
 * so a create does not wait for an fsync of a file that holds every image (restoring 100 unikernels writes the
 * state once or twice, not 100 times). Albatross writes synchronously and never fsyncs.
 */
public final class StateWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateWriter.class);

    private final StateStore store;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "state-writer");
        t.setDaemon(true);
        return t;
    });
    private final Object lock = new Object();
    private StateFile pending;
    private boolean scheduled;
    /** Completes when the pending snapshot is written. */
    private CompletableFuture<Void> written = new CompletableFuture<>();
    /** Completes when the snapshot being written now is on disk (done when nothing is being written). */
    private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);

    public StateWriter(StateStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Schedules {@code snapshot} to be written; returns when it (or a newer snapshot) is on disk. */
    public CompletableFuture<Void> submit(StateFile snapshot) {
        synchronized (lock) {
            pending = snapshot;
            CompletableFuture<Void> done = written;
            if (!scheduled) {
                scheduled = true;
                thread.execute(this::drain);
            }
            return done;
        }
    }

    private void drain() {
        while (true) {
            StateFile next;
            CompletableFuture<Void> done;
            synchronized (lock) {
                if (pending == null) {
                    scheduled = false;
                    return;
                }
                next = pending;
                pending = null;
                done = written;
                inFlight = done;
                written = new CompletableFuture<>();
            }
            try {
                store.write(next);
                done.complete(null);
            } catch (IOException | RuntimeException e) {
                LOG.error("failed to dump state to {}: {}", store.file(), e.toString());
                done.completeExceptionally(e);
            }
        }
    }

    /** Waits until everything submitted so far is written (or failed). */
    public void flush() {
        CompletableFuture<Void> done;
        synchronized (lock) {
            done = pending != null ? written : inFlight;
        }
        done.exceptionally(e -> null).join();
    }

    @Override
    public void close() {
        flush();
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
