package dev.albatross.console;

import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.name.Path;
import dev.albatross.protocol.wire.ConsoleCmd;
import dev.albatross.protocol.wire.Failure;
import dev.albatross.protocol.wire.Header;
import dev.albatross.protocol.wire.Payload;
import dev.albatross.protocol.wire.Success;
import dev.albatross.protocol.wire.Wire;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The consoles of all unikernels (spec §8, albatross-console): per path a map label → console (running flag,
 * ring buffer of the last 1,024 lines, subscribers), with Albatross's command semantics and reply texts.
 *
 * <pre>
 *   Console_add n        add(name, n)            → Success Empty | Failure "path used instead of name"
 *   Console_subscribe    subscribe(hdr, cmd, s)  → through the sink: Success "subscribed" | "waiting for VM",
 *                                                  history, live lines | Failure "path used instead of name"
 *   Console_list_inactive listInactive(name)     → Success (Consoles names) | Failure "name used"
 *   fifo reader          append(name, t, lines), deactivate(name)
 * </pre>
 *
 * <p>Thread-safe with one lock: the fifo reader thread appends while the daemon's threads add and subscribe.
 * Sinks are called under it (see {@link ConsoleSink}), which keeps each subscriber's messages in order.
 */
public final class Consoles {
    /** The most one console's history holds (a full ring of the longest lines); per path, n + 1 of these. */
    public static final long MAX_RING_BYTES = RingBuffer.MAX_RETAINED_BYTES;
    /** Lines of history kept per console, as Albatross. */
    public static final int HISTORY_LINES = RingBuffer.CAPACITY;

    static final String PATH_USED = "path used instead of name";
    static final String NAME_USED = "name used";
    static final String WAITING = "waiting for VM";
    static final String SUBSCRIBED = "subscribed";

    final Object lock = new Object();
    private final ConsoleTree tree = new ConsoleTree();
    private final ConsoleLimits limits;
    private final InstantSource clock;

    public Consoles(ConsoleLimits limits, InstantSource clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * {@code Console_add n}: the unikernel {@code name} starts and its fifo is read. An existing console keeps
     * its history (it survives restarts) and subscribers; a new one gets an empty ring, and if the path then
     * holds more than {@code maxConsoles}, one inactive console is dropped. {@code maxConsoles} is stored for the
     * path. Albatross answers {@code Failure "opening"} when the fifo cannot be opened: that is the fifo reader's.
     */
    public Payload add(Name name, long maxConsoles) {
        if (name.isPath()) {
            return new Failure(PATH_USED);
        }
        synchronized (lock) {
            PathConsoles p = tree.pathOrCreate(name.path(), maxConsoles);
            boolean fresh = tree.find(name) == null;
            ConsoleEntry e = tree.entryOrCreate(p, name);
            tree.account(p, e.ensureRing());
            e.active = true;
            List<Subscription> dropped = fresh ? tree.dropOneOver(p, maxConsoles, e) : List.of();
            p.maxConsoles = maxConsoles;
            tree.enforce(limits.maxRetainedBytes());
            close(dropped, ConsoleSink.CloseReason.CONSOLE_DROPPED);
        }
        return new Success.Empty();
    }

    /** Lines read from {@code name}'s fifo in one read, all stamped {@code at}; offered to its subscribers. */
    public void append(Name name, Instant at, List<byte[]> lines) {
        if (lines.isEmpty()) {
            return;
        }
        synchronized (lock) {
            ConsoleEntry e = tree.find(name);
            if (e == null) {
                return; // dropped meanwhile (only inactive consoles are dropped): the lines have no reader
            }
            PathConsoles p = tree.path(name.path());
            tree.account(p, e.ensureRing());
            long before = e.ring.retainedBytes();
            for (byte[] line : lines) {
                e.ring.append(at, line);
            }
            tree.account(p, e.ring.retainedBytes() - before);
            pumpAll(e);
            tree.enforce(limits.maxRetainedBytes());
        }
    }

    /** The unikernel stopped (its fifo reached end of file): history and subscribers stay. */
    public void deactivate(Name name) {
        synchronized (lock) {
            ConsoleEntry e = tree.find(name);
            if (e != null) {
                tree.stopped(e);
            }
        }
    }

    /**
     * {@code Console_subscribe}: everything goes to {@code sink}, in order: the reply (echoing {@code request}),
     * then the history ({@code Count n}: the last n lines, n clamped to [0, 1024]; {@code Since t}: the lines not
     * older than t), then live lines. Subscribing to a console that does not exist creates it, inactive and
     * without history ("waiting for VM"); its lines come once the unikernel starts.
     *
     * <p>Compat §13.2 #4: at most {@link ConsoleLimits#maxSubscribers()} per console (Albatross allows one more
     * than its maximum); a new subscriber beyond it replaces the oldest, as in Albatross.
     *
     * @param how a {@link ConsoleCmd.SubscribeCount} or {@link ConsoleCmd.SubscribeSince}
     */
    public Subscription subscribe(Header request, ConsoleCmd how, ConsoleSink sink) {
        Function<RingBuffer, Long> start = switch (how.kind()) {
            case SUBSCRIBE_COUNT -> ring -> ring.startOfLast(((ConsoleCmd.SubscribeCount) how).count());
            case SUBSCRIBE_SINCE -> ring -> ring.startSince(((ConsoleCmd.SubscribeSince) how).since());
            case ADD, LIST_INACTIVE -> throw new IllegalArgumentException("not a subscription: " + how);
        };
        Name name = request.name();
        Subscription s = new Subscription(this, sink, new Header(request.version(), 0, name));
        sink.attached(s);
        synchronized (lock) {
            if (name.isPath()) {
                s.markClosed();
                sink.offer(new Wire(request, new Failure(PATH_USED)));
                sink.flush();
                sink.close(ConsoleSink.CloseReason.REFUSED);
                return s;
            }
            PathConsoles p = tree.path(name.path());
            List<Subscription> replaced = new ArrayList<>();
            List<Subscription> dropped = List.of();
            ConsoleEntry e;
            if (p == null) {
                // Albatross stores n = 1 for a path it first sees through a subscription.
                e = tree.entryOrCreate(tree.pathOrCreate(name.path(), 1), name);
            } else if (tree.find(name) == null) {
                e = tree.entryOrCreate(p, name);
                dropped = tree.dropOneOver(p, p.maxConsoles, e);
            } else {
                e = tree.find(name);
                while (e.subscribers.size() >= limits.maxSubscribers()) {
                    replaced.add(e.subscribers.remove(0));
                }
            }
            long first = e.ring == null ? e.nextSequence : start.apply(e.ring);
            s.start(e, new Wire(request, new Success.Message(e.ring == null ? WAITING : SUBSCRIBED)), first);
            e.subscribers.add(s);
            close(replaced, ConsoleSink.CloseReason.REPLACED);
            close(dropped, ConsoleSink.CloseReason.CONSOLE_DROPPED);
            pump(s, clock.instant());
        }
        return s;
    }

    /**
     * {@code Console_list_inactive}: the consoles below the path {@code name} whose unikernel stopped and which
     * have history, relative to it, in Albatross's order.
     */
    public Payload listInactive(Name name) {
        if (!name.isPath()) {
            return new Failure(NAME_USED);
        }
        synchronized (lock) {
            return new Success.Consoles(tree.inactiveBelow(name.path()));
        }
    }

    /** The last {@code count} lines of {@code name} (clamped to [0, 1024]), oldest first. */
    public List<ConsoleLine> last(Name name, long count) {
        return read(name, ring -> ring.last(count));
    }

    /** The lines of {@code name} not older than {@code since}, oldest first. */
    public List<ConsoleLine> since(Name name, Instant since) {
        return read(name, ring -> ring.since(since));
    }

    /** The lines of {@code name} from sequence number {@code sequence} on (a resume cursor), oldest first. */
    public List<ConsoleLine> from(Name name, long sequence) {
        return read(name, ring -> ring.from(sequence));
    }

    public Optional<ConsoleStatus> status(Name name) {
        synchronized (lock) {
            ConsoleEntry e = tree.find(name);
            if (e == null) {
                return Optional.empty();
            }
            RingBuffer r = e.ring;
            return Optional.of(new ConsoleStatus(e.active, r != null, r == null ? 0 : r.size(),
                    r == null ? e.nextSequence : r.nextSequence(), e.subscribers.size(),
                    r == null ? 0 : r.retainedBytes()));
        }
    }

    /** Heap bytes held by console history on this host (bounded by {@link ConsoleLimits#maxRetainedBytes()}). */
    public long retainedBytes() {
        synchronized (lock) {
            return tree.retainedBytes();
        }
    }

    /** Heap bytes held by the history of the consoles of {@code path} (that path only, not below). */
    public long retainedBytes(Path path) {
        synchronized (lock) {
            PathConsoles p = tree.path(path);
            return p == null ? 0 : p.retainedBytes;
        }
    }

    void cancel(Subscription s) {
        synchronized (lock) {
            if (!s.markClosed() || s.entry == null) {
                return;
            }
            s.entry.subscribers.remove(s);
            tree.removeIfUnused(s.entry);
        }
    }

    void resume(Subscription s) {
        synchronized (lock) {
            pump(s, clock.instant());
        }
    }

    private List<ConsoleLine> read(Name name, Function<RingBuffer, List<ConsoleLine>> query) {
        synchronized (lock) {
            ConsoleEntry e = tree.find(name);
            return e == null || e.ring == null ? List.of() : query.apply(e.ring);
        }
    }

    private void pumpAll(ConsoleEntry e) {
        if (e.subscribers.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        for (Subscription s : List.copyOf(e.subscribers)) { // a sink may cancel from inside offer
            pump(s, now);
        }
    }

    private void pump(Subscription s, Instant now) {
        if (s.pump(now, limits.maxSubscriberStall())) {
            s.entry.subscribers.remove(s);
            tree.removeIfUnused(s.entry);
            close(List.of(s), ConsoleSink.CloseReason.STALLED);
        }
    }

    /** Closes the sinks of subscriptions already removed from their console; after the state is consistent. */
    private static void close(List<Subscription> subscriptions, ConsoleSink.CloseReason reason) {
        for (Subscription s : subscriptions) {
            if (s.markClosed()) {
                s.sink().close(reason);
            }
        }
    }
}
