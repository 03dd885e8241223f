package dev.albatross.console.fifo;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Work other threads hand to the reader thread, which owns every fd: each caller waits for its command, with a
 * timeout, and gets its result or its exception. On the reader thread itself a command runs at once.
 */
final class ReaderCommands {
    private final ConcurrentLinkedQueue<FutureTask<?>> queue = new ConcurrentLinkedQueue<>();
    private final Epoll epoll;
    private final Duration timeout;
    private final Thread reader;
    private volatile boolean stopped;

    ReaderCommands(Epoll epoll, Thread reader, Duration timeout) {
        this.epoll = epoll;
        this.reader = reader;
        this.timeout = timeout;
    }

    /** Runs {@code command} on the reader thread and returns its result; {@code step} names it in errors. */
    <T> T call(String step, Callable<T> command) throws IOException {
        FutureTask<T> task = new FutureTask<>(command);
        if (Thread.currentThread() == reader) {
            task.run();
        } else {
            if (stopped) {
                throw new IOException(step + ": the console fifo reader is stopped");
            }
            queue.add(task);
            epoll.wake();
        }
        try {
            return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(step, e.getCause());
        } catch (CancellationException e) {
            throw new IOException(step + ": the console fifo reader stopped", e);
        } catch (TimeoutException e) {
            task.cancel(false);
            throw new IOException(step + ": the console fifo reader did not answer within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(step + ": interrupted", e);
        }
    }

    /**
     * Queues {@code command} for the reader thread without waiting for it (on the reader thread it runs at once);
     * it must handle its own errors. If the reader stops before running it, {@code cancelled} runs instead (to
     * release what the command would have taken over).
     */
    void post(String step, Runnable command, Runnable cancelled) throws IOException {
        if (Thread.currentThread() == reader) {
            command.run();
            return;
        }
        FutureTask<Void> task = new FutureTask<>(command, null) {
            @Override
            protected void done() {
                if (isCancelled()) {
                    cancelled.run();
                }
            }
        };
        if (!stopped) {
            queue.add(task);
            // stop() may have drained the queue between the check and the add: take it back, then refuse.
            if (!stopped || !queue.remove(task)) {
                epoll.wake();
                return;
            }
        }
        cancelled.run();
        throw new IOException(step + ": the console fifo reader is stopped");
    }

    /** Runs what is queued; reader thread. */
    void runQueued() {
        FutureTask<?> task;
        while ((task = queue.poll()) != null) {
            task.run();
        }
    }

    /** Refuses new commands and cancels queued ones: their callers get an IOException, not a timeout. */
    void stop() {
        stopped = true;
        FutureTask<?> late;
        while ((late = queue.poll()) != null) {
            late.cancel(false);
        }
    }
}
