package dev.albatross.console;

import dev.albatross.protocol.wire.Data;
import dev.albatross.protocol.wire.Header;
import dev.albatross.protocol.wire.Wire;
import java.time.Duration;
import java.time.Instant;

/**
 * One subscriber of one console: a cursor into the console's ring. The ring is the subscriber's queue: lines are
 * offered from the cursor while the sink takes them, so a slow subscriber costs no memory here; when the ring
 * overwrites lines before the sink took them, the subscriber gets {@code [albatross] N lines dropped} instead,
 * and when it takes nothing for {@link ConsoleLimits#maxSubscriberStall()} it is disconnected.
 *
 * <p>The daemon keeps this handle with the connection: {@link #resume()} when the connection can take more,
 * {@link #cancel()} when it closes.
 */
public final class Subscription {
    private final Consoles owner;
    private final ConsoleSink sink;
    /** The header of every line: the subscriber's version, sequence 0, the console's name (as Albatross). */
    private final Header dataHeader;

    /** The console followed; null if the request was refused. Fields below: under the owner's lock. */
    ConsoleEntry entry;
    private Wire pendingReply;
    private long cursor;
    private long gap;
    private long droppedLines;
    private Instant stalledSince;
    private boolean closed;
    private boolean pumping;
    private boolean again;

    Subscription(Consoles owner, ConsoleSink sink, Header dataHeader) {
        this.owner = owner;
        this.sink = sink;
        this.dataHeader = dataHeader;
    }

    /** The subscriber left (its connection closed): forget it. Idempotent. */
    public void cancel() {
        owner.cancel(this);
    }

    /** The sink can take more: offer what waits. Cheap if nothing does. */
    public void resume() {
        owner.resume(this);
    }

    /** Lines this subscriber lost because it was too slow (reported to it or about to be). */
    public long droppedLines() {
        synchronized (owner.lock) {
            return droppedLines + gap;
        }
    }

    /** Ended: cancelled, refused, or closed by the registry. */
    public boolean isClosed() {
        synchronized (owner.lock) {
            return closed;
        }
    }

    void start(ConsoleEntry followed, Wire reply, long firstSequence) {
        this.entry = followed;
        this.pendingReply = reply;
        this.cursor = firstSequence;
    }

    /** Marks it ended; true if it was not already (so that the caller closes the sink once). */
    boolean markClosed() {
        boolean was = closed;
        closed = true;
        return !was;
    }

    ConsoleSink sink() {
        return sink;
    }

    /** Offers the reply, the gap notice, then lines from the cursor, until the sink refuses; true if stalled. */
    boolean pump(Instant now, Duration maxStall) {
        if (closed) {
            return false;
        }
        if (pumping) {
            again = true; // the sink called back (resume) from inside an offer: the outer loop goes on
            return false;
        }
        pumping = true;
        try {
            do {
                again = false;
                deliver(now);
                if (!closed) {
                    // Inside the loop: a sink whose write completes at once may resume from here, and that
                    // must continue this loop, not recurse.
                    sink.flush();
                }
            } while (again && !closed);
        } finally {
            pumping = false;
        }
        return !closed && stalledSince != null && Duration.between(stalledSince, now).compareTo(maxStall) > 0;
    }

    private void deliver(Instant now) {
        if (pendingReply != null) {
            if (!offer(pendingReply, now)) {
                return;
            }
            pendingReply = null;
        }
        while (!closed) {
            RingBuffer ring = entry.ring;
            if (ring == null) {
                stalledSince = null; // nothing to deliver
                return;
            }
            if (cursor < ring.oldestSequence()) {
                gap += ring.oldestSequence() - cursor;
                cursor = ring.oldestSequence();
            }
            if (gap > 0) {
                Instant at = cursor < ring.nextSequence() ? ring.timestamp(cursor) : now;
                if (!offer(line(at, notice(gap)), now)) {
                    return;
                }
                droppedLines += gap;
                gap = 0;
            }
            if (cursor >= ring.nextSequence()) {
                stalledSince = null;
                return;
            }
            if (!sink.offerLine(dataHeader, ring.epochSecond(cursor), ring.nano(cursor), ring.bytes(cursor))) {
                refused(now);
                return;
            }
            stalledSince = null;
            cursor++;
        }
    }

    private boolean offer(Wire message, Instant now) {
        if (sink.offer(message)) {
            stalledSince = null;
            return true;
        }
        refused(now);
        return false;
    }

    private void refused(Instant now) {
        if (stalledSince == null) {
            stalledSince = now;
        }
    }

    private Wire line(Instant at, String text) {
        return new Wire(dataHeader, new Data.Console(at, text));
    }

    /** The synthetic line a subscriber gets where it lost lines; the stock client prints it like any other. */
    static String notice(long lost) {
        return "[albatross] " + lost + (lost == 1 ? " line" : " lines") + " dropped";
    }
}
