package dev.albatross.stats.metrics;

import dev.albatross.protocol.name.Label;
import dev.albatross.protocol.name.Name;
import dev.albatross.stats.Round;
import dev.albatross.stats.RoundListener;
import dev.albatross.stats.Sample;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * albatross-influx in the daemon's process (spec §9.2): every round, the lines of each unikernel at or below the
 * configured name are written to one TCP connection, as albatross-influx writes them for each {@code Stats_data}.
 *
 * <p>The collector thread only formats and enqueues ({@link #roundCollected}); a thread of its own connects and
 * writes. The queue holds {@link InfluxConfig#queueRounds()} rounds and drops the oldest, so a slow or absent
 * target never blocks the collector. A failed connection is retried after a back-off doubling from
 * {@link InfluxConfig#minBackoff()} to {@link InfluxConfig#maxBackoff()}; a failed write closes the connection and
 * loses that round (albatross-influx too), and the next round reconnects.
 */
public final class InfluxPusher implements RoundListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxPusher.class);

    private final InfluxConfig config;
    private final List<Label> scope;
    private final Object lock = new Object();
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final Thread sender;
    private boolean closed;
    /** Written by the sender only; read by close() to unblock a stuck write. */
    private volatile Socket socket;

    private InfluxPusher(InfluxConfig config) {
        this.config = config;
        this.scope = config.name().labels();
        this.sender = new Thread(this::run, "albatross-influx");
        sender.setDaemon(true);
    }

    public static InfluxPusher start(InfluxConfig config) {
        InfluxPusher p = new InfluxPusher(config);
        p.sender.start();
        return p;
    }

    @Override
    public void roundCollected(Round round) {
        StringBuilder batch = new StringBuilder();
        for (Sample s : round.samples()) {
            List<Label> labels = s.name().labels();
            if (labels.size() >= scope.size() && labels.subList(0, scope.size()).equals(scope)) {
                Name relative = s.name().dropPrefix(config.name().path());
                batch.append(InfluxLines.batch(InfluxLines.vm(relative, config.noDropPath()), s.statistics(),
                        round.at()));
            }
        }
        if (batch.length() > 0) {
            enqueue(batch.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private void enqueue(byte[] batch) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            while (queue.size() >= config.queueRounds()) {
                queue.removeFirst();
                dropped.incrementAndGet();
            }
            queue.addLast(batch);
            lock.notifyAll();
        }
    }

    /** Rounds dropped so far (queue full, or lost in a failed write). */
    public long droppedRounds() {
        return dropped.get();
    }

    /** Rounds written so far. */
    public long writtenRounds() {
        return written.get();
    }

    private void run() {
        try {
            send();
        } finally {
            closeSocket(); // close() may have come while a connection was being made
        }
    }

    private void send() {
        Duration backoff = config.minBackoff();
        while (true) {
            if (!awaitRound()) {
                return;
            }
            if (socket == null) {
                try {
                    socket = connect();
                    LOG.info("influx: connected to {}", config.target());
                    backoff = config.minBackoff();
                } catch (IOException e) {
                    LOG.warn("influx: cannot connect to {}: {}; retrying in {} ms", config.target(), e.getMessage(),
                            backoff.toMillis());
                    pause(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(config.maxBackoff()) > 0 ? config.maxBackoff()
                            : backoff.multipliedBy(2);
                    continue;
                }
            }
            writeOldest();
        }
    }

    /** Waits until a round is queued (it stays queued until written or dropped); false once closed. */
    private boolean awaitRound() {
        synchronized (lock) {
            while (queue.isEmpty() && !closed) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return !closed;
        }
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        try {
            s.setKeepAlive(true); // as albatross-influx (SO_KEEPALIVE)
            s.connect(config.target().resolve(), (int) config.connectTimeout().toMillis());
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    private void writeOldest() {
        byte[] batch;
        synchronized (lock) {
            batch = queue.pollFirst();
        }
        if (batch == null) {
            return;
        }
        try {
            OutputStream out = socket.getOutputStream();
            out.write(batch);
            out.flush();
            written.incrementAndGet();
        } catch (IOException e) {
            LOG.warn("influx: writing to {} failed: {}; reconnecting", config.target(), e.getMessage());
            dropped.incrementAndGet();
            closeSocket();
        }
    }

    /** Sleeps for the back-off, waking early when closed. */
    private void pause(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        synchronized (lock) {
            long left;
            while (!closed && (left = deadline - System.nanoTime()) > 0) {
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void closeSocket() {
        Socket s = socket;
        socket = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.debug("influx: closing the connection: {}", e.toString()); // nothing left to undo
            }
        }
    }

    /** Stops the sender; queued rounds are dropped. Waits up to 5 s for the sender to end. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            queue.clear();
            lock.notifyAll();
        }
        Socket s = socket;
        if (s != null) {
            try {
                s.close(); // unblocks a write stuck on a full TCP window
            } catch (IOException e) {
                LOG.debug("influx: closing the connection: {}", e.toString());
            }
        }
        try {
            sender.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
