package dev.albatross.stats;

import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.Payload;
import dev.albatross.protocol.wire.StatsCmd;
import dev.albatross.protocol.wire.Wire;
import java.io.IOException;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The statistics of albatrossd's unikernels (spec §9.1, albatross-stats, in the daemon's process): every
 * {@link StatsConfig#interval()} it reads each unikernel's tender from procfs and its taps from one rtnetlink dump,
 * and sends {@code Data (Stats_data)} to the {@code stat.sock} subscribers and the samples to the
 * {@link RoundListener}s (Prometheus gauges, the Influx pusher).
 *
 * <pre>
 *   daemon event                       call                           reply (spec §9.1)
 *   tender started (vmmd thread)       add(name, pid, network)        Success "added" | Failure
 *   tender exited                      remove(name)                   Success "removed"
 *   stat.sock request (event loop)     handle(wire, sink)             through the sink: reply, then data
 *   stat.sock connection closed        cancel(sink)                   -
 * </pre>
 *
 * <p>All state lives on one thread, {@value #THREAD_NAME}; every method may be called from any thread, never
 * blocks, and returns a future completed on that thread. Sinks are called on that thread only.
 */
public final class StatsService implements AutoCloseable {
    public static final String THREAD_NAME = "albatross-stats";
    private static final Logger LOG = LoggerFactory.getLogger(StatsService.class);

    private final StatsCollector collector;
    private final ScheduledExecutorService thread;

    private StatsService(StatsCollector collector, ScheduledExecutorService thread) {
        this.collector = collector;
        this.thread = thread;
    }

    /**
     * Opens the sources and schedules a round every interval. {@code listeners} (may be empty) are called after
     * every round; with any attached, every unikernel is read each round. A failure to open the netlink socket is
     * logged and rounds go on without interface counters.
     */
    public static StatsService start(StatsConfig config, InstantSource clock, List<RoundListener> listeners)
            throws IOException {
        StatsService service = create(config, clock, listeners);
        long periodNanos = config.interval().toNanos();
        service.thread.scheduleAtFixedRate(service::scheduledRound, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        return service;
    }

    /** Like {@link #start} but without the schedule: rounds run only through {@link #collectNow()} (tests). */
    static StatsService create(StatsConfig config, InstantSource clock, List<RoundListener> listeners)
            throws IOException {
        Gatherer gatherer = Gatherer.open(config);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, THREAD_NAME);
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return new StatsService(new StatsCollector(config, gatherer, listeners, clock), executor);
    }

    /** {@code Stats_add} from the daemon itself: {@code network} in configuration order (netif, tap). */
    public CompletableFuture<Payload> add(Name name, int pid, List<StatsCmd.Interface> network) {
        List<StatsCmd.Interface> copy = List.copyOf(network);
        return submit(() -> collector.add(name, pid, copy));
    }

    /** {@code Stats_remove} from the daemon itself, when the tender exited. */
    public CompletableFuture<Payload> remove(Name name) {
        return submit(() -> collector.remove(name));
    }

    /**
     * A request read from a {@code stat.sock} connection: {@code Stats_add}, {@code Stats_remove},
     * {@code Stats_subscribe}; anything else is refused as Albatross does ({@code "unexpected message initial"},
     * {@code "unexpected command"}). The reply is offered to {@code sink}; the future tells what it was.
     */
    public CompletableFuture<Payload> handle(Wire request, StatsSink sink) {
        return submit(() -> collector.handle(request, sink));
    }

    /** The connection behind {@code sink} closed: forget its subscriptions. */
    public void cancel(StatsSink sink) {
        submit(() -> {
            collector.cancel(sink);
            return null;
        });
    }

    /** Runs one round now, between the scheduled ones. */
    public CompletableFuture<Round> collectNow() {
        return submit(collector::collect);
    }

    private void scheduledRound() {
        try {
            Round r = collector.collect();
            LOG.debug("statistics round: {} unikernels in {} ms", r.samples().size(), r.elapsed().toMillis());
        } catch (RuntimeException e) {
            // The top of the statistics thread: a bug in one round must not end all later ones.
            LOG.error("statistics round failed", e);
        }
    }

    private <T> CompletableFuture<T> submit(Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                try {
                    result.complete(task.get());
                } catch (RuntimeException e) {
                    LOG.error("statistics task failed", e);
                    result.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("the statistics service is closed", e));
        }
        return result;
    }

    /** Stops the rounds, closes every subscriber ({@code SHUTDOWN}) and the netlink socket; waits up to 5 s. */
    @Override
    public void close() {
        if (thread.isShutdown()) {
            return;
        }
        CompletableFuture<Void> closed = submit(() -> {
            collector.close();
            return null;
        });
        thread.shutdown();
        try {
            closed.get(5, TimeUnit.SECONDS);
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("statistics: closing did not finish: {}", e.toString());
        }
    }
}
