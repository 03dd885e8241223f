package dev.albatross.stats;

import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.Failure;
import dev.albatross.protocol.wire.Header;
import dev.albatross.protocol.wire.Payload;
import dev.albatross.protocol.wire.StatsCmd;
import dev.albatross.protocol.wire.Success;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.stats.netlink.LinkDump;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The statistics state and its rounds (spec §9.1, {@code Albatross_stats_pure}): {@code Stats_add},
 * {@code Stats_remove}, {@code Stats_subscribe}, and {@link #collect()}. Not thread-safe: one thread owns it (the
 * {@link StatsService}'s, or a test's), which keeps every subscriber's messages in order without locks.
 */
final class StatsCollector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatsCollector.class);

    static final String ADDED = "added";
    static final String REMOVED = "removed";
    static final String SUBSCRIBED = "subscribed";
    static final String UNEXPECTED_INITIAL = "unexpected message initial";
    static final String UNEXPECTED_COMMAND = "unexpected command";

    private final StatsConfig config;
    private final Gatherer gatherer;
    private final List<RoundListener> listeners;
    private final InstantSource clock;
    private StatsTable table = StatsTable.EMPTY;

    StatsCollector(StatsConfig config, Gatherer gatherer, List<RoundListener> listeners, InstantSource clock) {
        this.config = config;
        this.gatherer = gatherer;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
    }

    StatsTable table() {
        return table;
    }

    /**
     * {@code Stats_add}: registers {@code pid} under {@code name}. Each tap is resolved to its ifindex now, as
     * Albatross does; unknown taps are skipped.
     */
    Payload add(Name name, int pid, List<StatsCmd.Interface> network) {
        if (table.registration(name).isPresent()) {
            // Compat §13.2 #8: albatross-stats dies on an assertion here; we refuse and keep the first registration.
            return new Failure("statistics: " + name + " is already registered");
        }
        if (table.registrationCount() >= config.maxRegistrations()) {
            return new Failure("statistics: too many unikernels registered (at most " + config.maxRegistrations()
                    + ")");
        }
        if (network.size() > StatsConfig.MAX_INTERFACES) {
            return new Failure("statistics: more than " + StatsConfig.MAX_INTERFACES + " network interfaces");
        }
        List<Link> links = new ArrayList<>(network.size());
        for (StatsCmd.Interface i : network) {
            OptionalInt index = LinkDump.ifIndex(i.tap());
            if (index.isPresent()) {
                links.add(new Link(i.netif(), i.tap(), index.getAsInt()));
            } else {
                LOG.warn("statistics of {}: no interface {}, its counters are left out", name, i.tap());
            }
        }
        table = table.with(new Registration(name, pid, links, OptionalLong.empty()));
        LOG.info("statistics: added {} (pid {}, {} interfaces)", name, pid, links.size());
        return new Success.Message(ADDED);
    }

    /** {@code Stats_remove}: Albatross answers "removed" even for a name it does not know. */
    Payload remove(Name name) {
        table = table.without(List.of(name));
        return new Success.Message(REMOVED);
    }

    /**
     * One request from a {@code stat.sock} client; the reply goes through {@code sink} (then data, for a
     * subscription). A {@code Failure} is followed by {@link StatsSink.CloseReason#REFUSED}, as Albatross closes.
     */
    Payload handle(Wire request, StatsSink sink) {
        Name name = request.header().name();
        if (!(request.payload() instanceof StatsCmd cmd)) {
            return answer(request, new Failure(UNEXPECTED_COMMAND), sink);
        }
        return switch (cmd.kind()) {
            case ADD -> {
                StatsCmd.Add a = (StatsCmd.Add) cmd;
                yield answer(request, add(name, a.pid(), a.network()), sink);
            }
            case REMOVE -> answer(request, remove(name), sink);
            case SUBSCRIBE -> subscribe(request, sink);
            // albatross-stats takes Stats_initial only from albatrossd, which here is this process.
            case INITIAL -> answer(request, new Failure(UNEXPECTED_INITIAL), sink);
        };
    }

    /**
     * {@code Stats_subscribe}: {@code sink} listens at the header's name; the reply is offered first, then the
     * subscribers this one pushed out are closed.
     */
    private Payload subscribe(Wire request, StatsSink sink) {
        Header h = request.header();
        StatsTable.Subscribed s = table.subscribe(new Subscriber(h.name(), h.version(), sink),
                config.maxSubscribersPerName());
        table = s.table();
        Payload reply = answer(request, new Success.Message(SUBSCRIBED), sink);
        for (Subscriber evicted : s.evicted()) {
            table = table.unsubscribe(evicted.sink());
            evicted.sink().close(StatsSink.CloseReason.REPLACED);
        }
        return reply;
    }

    private Payload answer(Wire request, Payload reply, StatsSink sink) {
        if (!sink.offer(request.reply(reply))) {
            cancel(sink);
            sink.close(StatsSink.CloseReason.TOO_SLOW);
        } else if (reply instanceof Failure) {
            cancel(sink);
            sink.close(StatsSink.CloseReason.REFUSED);
        }
        return reply;
    }

    /** Forgets every subscription of {@code sink} (its connection ended). */
    void cancel(StatsSink sink) {
        table = table.unsubscribe(sink);
    }

    /**
     * One round: reads the unikernels that have a listener (all of them if a {@link RoundListener} is attached),
     * drops those whose process is gone, offers each subscriber its messages (dropping those that refuse), then
     * hands the samples to the listeners.
     */
    Round collect() {
        long started = System.nanoTime();
        Instant at = clock.instant();
        Gatherer.Gathered g = gatherer.gather(table.targets(!listeners.isEmpty()));
        table = table.without(g.gone()).updated(g.learnt());
        deliver(g.samples());
        Round round = new Round(at, g.samples(), Duration.ofNanos(System.nanoTime() - started));
        for (RoundListener l : listeners) {
            l.roundCollected(round);
        }
        return round;
    }

    private void deliver(List<Sample> samples) {
        Set<StatsSink> failed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Sample sample : samples) {
            for (Subscriber s : table.listeners(sample.name())) {
                if (!failed.contains(s.sink())
                        && !s.sink().offer(StatsTable.message(s, sample.name(), sample.statistics()))) {
                    failed.add(s.sink());
                }
            }
        }
        for (StatsSink sink : failed) {
            table = table.unsubscribe(sink);
            sink.close(StatsSink.CloseReason.TOO_SLOW);
        }
    }

    /** Closes every subscriber and the netlink socket. */
    @Override
    public void close() {
        Set<StatsSink> sinks = Collections.newSetFromMap(new IdentityHashMap<>());
        table.allSubscribers().forEach(s -> sinks.add(s.sink()));
        table = StatsTable.EMPTY;
        sinks.forEach(s -> s.close(StatsSink.CloseReason.SHUTDOWN));
        gatherer.close();
    }
}
