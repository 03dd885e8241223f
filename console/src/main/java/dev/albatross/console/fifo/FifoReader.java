package dev.albatross.console.fifo;

import com.sun.jna.Memory;
import dev.albatross.console.Consoles;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.Failure;
import dev.albatross.protocol.wire.Payload;
import dev.albatross.protocol.wire.Success;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every unikernel's console fifo ({@code <fifoDir>/<name>}) on ONE thread with epoll, splits lines and
 * appends them to {@link Consoles}; the end of a fifo (its tender exited) marks the console inactive.
 *
 * <pre>
 *   daemon, on create:  attach(name, n)   before spawning the tender (opens the read end: the tender's open
 *                                          for writing then does not block), Console_add n semantics
 *   daemon, on exit:    detach(name)      drains what is left, marks inactive, closes (idempotent; the end of
 *                                          file does the same on its own)
 *   console.sock:       add(name, n)      Console_add from a client: Success Empty | Failure text
 * </pre>
 *
 * <p>All fds, splitters and maps are confined to the reader thread (a fifo is only opened by {@link #attach}'s
 * caller, then handed over); other threads hand it commands and wait for their completion, except {@link #attach},
 * which returns with the read end open and its watching queued. The reader thread appends under
 * the {@link Consoles} lock, so do not call this class from a {@code ConsoleSink} (it would wait for the thread
 * that waits for the lock).
 *
 * <p>Compat §13.2 #5: albatrossd, the console and stats run in one process; the daemon calls this directly, so
 * there is no console connection to lose and nothing to reconnect.
 */
public final class FifoReader implements AutoCloseable {
    /** The reader thread's name, for thread dumps. */
    public static final String THREAD_NAME = "console-fifo-reader";
    /**
     * One read(2) per ready fifo per round, of at most a page: a chatty unikernel cannot starve the others
     * (level-triggered epoll reports it again next round), and one page is what a tender's single write of up to
     * PIPE_BUF (4096) bytes delivers at once, so lines printed together share their timestamp.
     */
    static final int READ_BUFFER_BYTES = 4096;
    /**
     * Events taken per epoll_wait (a 3 KiB array): a round usually serves every ready fifo; when more than this
     * are ready, the rest are reported again by the next wait, level-triggered.
     */
    static final int MAX_EVENTS = 256;
    /**
     * Reads when draining an ended fifo: 256 KiB, four times the default pipe capacity; a fifo whose writer is
     * gone cannot hold more than its capacity, and one that got a new writer must not hold the thread forever.
     */
    static final int MAX_DRAIN_READS = 64;
    /** How long a caller waits for the reader thread to do its command; the thread only ever does short work. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(FifoReader.class);

    private final Consoles consoles;
    private final Path fifoDir;
    private final InstantSource clock;
    private final Epoll epoll;
    private final Thread thread;
    private final ReaderCommands commands;
    private volatile boolean running = true;

    // Confined to the reader thread.
    private final Map<Name, ConsoleFifo> byName = new HashMap<>();
    private final Map<Long, ConsoleFifo> byToken = new HashMap<>();
    private final Memory nativeBuffer = new Memory(READ_BUFFER_BYTES);
    private final byte[] buffer = new byte[READ_BUFFER_BYTES];
    /** Taken by any thread: {@link #attach} opens a fifo on its caller's thread. */
    private final AtomicLong nextToken = new AtomicLong(Epoll.WAKE_TOKEN + 1);

    private FifoReader(Consoles consoles, Path fifoDir, InstantSource clock, Epoll epoll) {
        this.consoles = consoles;
        this.fifoDir = fifoDir;
        this.clock = clock;
        this.epoll = epoll;
        this.thread = new Thread(this::run, THREAD_NAME);
        this.thread.setDaemon(true);
        this.commands = new ReaderCommands(epoll, thread, COMMAND_TIMEOUT);
    }

    /** Starts the reader thread for the fifos in {@code fifoDir} ({@code <tmpdir>/fifo}). */
    public static FifoReader start(Consoles consoles, Path fifoDir, InstantSource clock) throws IOException {
        FifoReader reader = new FifoReader(Objects.requireNonNull(consoles, "consoles"),
                Objects.requireNonNull(fifoDir, "fifoDir"), Objects.requireNonNull(clock, "clock"),
                Epoll.open(MAX_EVENTS));
        reader.thread.start();
        return reader;
    }

    /**
     * Opens and watches {@code <fifoDir>/<name>} and does {@code Console_add maxConsoles} for it; on return the
     * read end is open. A fifo that is already attached under this name is ended first (drained, inactive). Works
     * as well on a fifo whose tender is already writing (a daemon re-adopting running unikernels).
     *
     * @throws IOException the fifo cannot be opened (missing, not a fifo) or the reader is not running
     */
    public void attach(Name name, long maxConsoles) throws IOException {
        if (name.isPath()) {
            throw new IllegalArgumentException("a console needs a unikernel name, not a path: " + name);
        }
        // The text of a labelled name always holds a ':' and never a '/', so it is one file name inside fifoDir
        // (never "." or "..").
        Path fifo = fifoDir.resolve(name.text());
        // The read end is opened here, on the caller's thread: that is all the tender's non-blocking open for
        // writing needs. Watching it is queued for the reader thread without waiting, so a create does not pay a
        // thread hand-off; the reader's later commands (detach, attached) run after it, in order.
        ConsoleFifo f = ConsoleFifo.open(name, fifo, nextToken.getAndIncrement());
        // Console_add now (thread-safe), so that the console is active and subscribable on return.
        consoles.add(name, maxConsoles);
        commands.post("attaching console of " + name, () -> watch(f, maxConsoles), () -> {
            closeQuietly(f);
            consoles.deactivate(name);
        });
    }

    /**
     * Watches {@code f}, after ending an earlier fifo of the same name; reader thread. {@link #attach} did
     * {@code Console_add} already; only ending an earlier fifo (which marks the console inactive) needs it again.
     */
    private void watch(ConsoleFifo f, long maxConsoles) {
        boolean replaced;
        try {
            ConsoleFifo old = byName.get(f.name);
            replaced = old != null;
            if (replaced) {
                end(old);
            }
            epoll.add(f.fd, f.token);
        } catch (IOException e) {
            // Only on exhausted kernel resources (epoll watches); the unikernel runs on without a console.
            LOG.error("watching the console fifo of {}: {}", f.name, e.getMessage());
            closeQuietly(f);
            consoles.deactivate(f.name);
            return;
        }
        byName.put(f.name, f);
        byToken.put(f.token, f);
        if (replaced) {
            consoles.add(f.name, maxConsoles); // active again; its history is kept
        }
    }

    /**
     * {@code Console_add n} from a {@code console.sock} client, answered as albatross-console does: a path gets
     * {@code Failure "path used instead of name"}, a fifo that cannot be opened {@code Failure "opening"}.
     */
    public Payload add(Name name, long maxConsoles) {
        if (name.isPath()) {
            return consoles.add(name, maxConsoles);
        }
        try {
            attach(name, maxConsoles);
            return new Success.Empty();
        } catch (IOException e) {
            LOG.error("Console_add {}: {}", name, e.getMessage());
            return new Failure("opening");
        }
    }

    /** The unikernel {@code name} is gone: read what its fifo still holds, mark it inactive, close. Idempotent. */
    public void detach(Name name) throws IOException {
        commands.call("detaching console of " + name, () -> {
            ConsoleFifo f = byName.get(name);
            if (f != null) {
                end(f);
            }
            return null;
        });
    }

    /** The names whose fifos are read now. */
    public Set<Name> attached() throws IOException {
        return commands.call("listing consoles", () -> Set.copyOf(byName.keySet()));
    }

    /** Stops the thread and closes the fifos it reads, leaving the consoles' state as it is. */
    @Override
    public void close() {
        running = false;
        try {
            epoll.wake();
        } catch (IOException e) {
            LOG.debug("console fifo reader already stopped: {}", e.getMessage()); // nothing left to wake
        }
        try {
            thread.join(COMMAND_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (running) {
                int n = epoll.await();
                for (int i = 0; i < n; i++) {
                    long token = epoll.token(i);
                    if (token == Epoll.WAKE_TOKEN) {
                        epoll.drainWake();
                        commands.runQueued();
                    } else {
                        ready(token, epoll.events(i));
                    }
                }
            }
        } catch (IOException e) {
            LOG.error("console fifo reader stopped: {}", e.getMessage());
        } finally {
            running = false;
            for (ConsoleFifo f : List.copyOf(byName.values())) {
                forget(f);
            }
            commands.stop();
            epoll.close();
        }
    }

    private void ready(long token, int events) {
        ConsoleFifo f = byToken.get(token);
        if (f == null) {
            return; // ended earlier in this round
        }
        try {
            if ((events & (LibC.EPOLLHUP | LibC.EPOLLERR)) != 0) {
                end(f); // the tender exited: its last bytes are in the pipe
            } else if (readOnce(f) == 0) {
                end(f);
            }
        } catch (IOException e) {
            LOG.error("{}; closing it", e.getMessage());
            forget(f);
            consoles.deactivate(f.name);
        } catch (RuntimeException e) {
            // A bug in one console must not stop every console of the host: log it loudly, drop that fifo.
            LOG.error("console fifo of {} failed; closing it", f.name, e);
            forget(f);
            consoles.deactivate(f.name);
        }
    }

    /** One read: its lines go to the console, stamped with the time of the read. */
    private int readOnce(ConsoleFifo f) throws IOException {
        int n = f.read(nativeBuffer);
        if (n > 0) {
            nativeBuffer.read(0, buffer, 0, n);
            Instant at = clock.instant();
            consoles.append(f.name, at, f.splitter.feed(buffer, 0, n));
        }
        return n;
    }

    /** Drains, flushes the last unterminated line, marks the console inactive, closes the fd. */
    private void end(ConsoleFifo f) throws IOException {
        try {
            for (int i = 0; i < MAX_DRAIN_READS && readOnce(f) > 0; i++) {
                // keep reading: the writer is gone, what is left is bounded by the pipe's capacity
            }
            consoles.append(f.name, clock.instant(), f.splitter.finish());
        } finally {
            forget(f);
            consoles.deactivate(f.name);
        }
    }

    /** Unwatches and closes {@code f}, once: a second close could hit an fd number the kernel reused. */
    private void forget(ConsoleFifo f) {
        if (byToken.remove(f.token) == null) {
            return;
        }
        byName.remove(f.name, f);
        try {
            epoll.remove(f.fd);
        } catch (IOException e) {
            LOG.warn("{}", e.getMessage()); // closing the fd below removes it from epoll anyway
        }
        closeQuietly(f);
    }

    private static void closeQuietly(ConsoleFifo f) {
        try {
            f.close();
        } catch (IOException e) {
            LOG.warn("{}", e.getMessage()); // nothing to undo: the fd is gone either way (close(2) semantics)
        }
    }

    /** Bytes held by unfinished lines (for tests of the memory bound); reader thread. */
    long pendingBytes() throws IOException {
        return commands.call("measuring", () -> {
            long total = 0;
            for (ConsoleFifo f : byName.values()) {
                total += f.splitter.pendingBytes();
            }
            return total;
        });
    }
}
