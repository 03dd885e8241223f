package dev.albatross.console;

import dev.albatross.protocol.wire.Data;
import dev.albatross.protocol.wire.Payload;
import dev.albatross.protocol.wire.Success;
import dev.albatross.protocol.wire.Wire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * A subscriber for tests: records every message it takes (and the thread that offered it). With a budget it
 * takes at most that many messages until {@link #drain()} empties its queue, like a connection whose peer does
 * not read. Waiting is on a condition with a timeout, never a sleep.
 */
public final class RecordingSink implements ConsoleSink {
    private int budget;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Wire> taken = new ArrayList<>();
    private final List<String> offeringThreads = new ArrayList<>();
    private int queued;
    private CloseReason closed;

    private RecordingSink(int budget) {
        this.budget = budget;
    }

    public static RecordingSink unbounded() {
        return new RecordingSink(Integer.MAX_VALUE);
    }

    /** Takes {@code messages} messages, then refuses until drained. */
    public static RecordingSink withBudget(int messages) {
        return new RecordingSink(messages);
    }

    @Override
    public boolean offer(Wire message) {
        lock.lock();
        try {
            if (closed != null) {
                throw new IllegalStateException("offer after close(" + closed + ")");
            }
            if (queued >= budget) {
                return false;
            }
            queued++;
            taken.add(message);
            offeringThreads.add(Thread.currentThread().getName());
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close(CloseReason reason) {
        lock.lock();
        try {
            if (closed != null) {
                throw new IllegalStateException("closed twice: " + closed + ", " + reason);
            }
            closed = reason;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The peer read everything: the budget is free again. */
    public void drain() {
        lock.lock();
        try {
            queued = 0;
        } finally {
            lock.unlock();
        }
    }

    /** The peer read everything and may now hold {@code messages} messages. */
    public void allow(int messages) {
        lock.lock();
        try {
            budget = messages;
            queued = 0;
        } finally {
            lock.unlock();
        }
    }

    public List<Wire> messages() {
        lock.lock();
        try {
            return List.copyOf(taken);
        } finally {
            lock.unlock();
        }
    }

    public List<Payload> payloads() {
        return messages().stream().map(Wire::payload).toList();
    }

    /** The console lines taken, as text. */
    public List<String> lines() {
        return payloads().stream().filter(p -> p instanceof Data.Console).map(p -> ((Data.Console) p).line())
                .toList();
    }

    public List<Data.Console> consoleData() {
        return payloads().stream().filter(p -> p instanceof Data.Console).map(p -> (Data.Console) p).toList();
    }

    /** The text of the first message, the reply to the subscription. */
    public String replyText() {
        return ((Success.Message) payloads().get(0)).text();
    }

    public List<String> offeringThreads() {
        lock.lock();
        try {
            return List.copyOf(offeringThreads);
        } finally {
            lock.unlock();
        }
    }

    public CloseReason closedWith() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the lines taken satisfy {@code condition}; fails after {@code timeout}. */
    public void awaitLines(Predicate<List<String>> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!condition.test(lines())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out after " + timeout + "; lines so far: " + lines().size()
                            + (lines().isEmpty() ? "" : ", last: " + lines().get(lines().size() - 1)));
                }
                changed.await(left, TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until a line equal to {@code line} was taken. */
    public void awaitLine(String line, Duration timeout) throws InterruptedException {
        awaitLines(lines -> lines.contains(line), timeout);
    }
}
