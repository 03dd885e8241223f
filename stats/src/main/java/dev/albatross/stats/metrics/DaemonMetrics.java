package dev.albatross.stats.metrics;

import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.Failure;
import dev.albatross.protocol.wire.Payload;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * albatrossd's own meters (the successor of spec §9.3's self-metrics), for the daemon to call. Thread-safe: any
 * thread may call any method; none blocks.
 *
 * <pre>
 *   albatross_commands_total{kind="unikernel_create",result="success"}   commandHandled(command, reply)
 *   albatross_unikernel_create_seconds{...}                              unikernelCreated(latency)
 *   albatross_unikernels_live                                            liveUnikernels(count)
 *   albatross_console_dropped_lines_total                                consoleLinesDropped(lines)
 * </pre>
 */
public final class DaemonMetrics {
    /** A command's outcome, as its reply says. */
    public enum Result { SUCCESS, FAILURE }

    private final MeterRegistry registry;
    private final Timer createLatency;
    private final AtomicInteger live = new AtomicInteger();
    private final Counter consoleDropped;

    public DaemonMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.createLatency = Timer.builder("albatross.unikernel.create")
                .description("time from a create command to the running tender").publishPercentiles(0.5, 0.99)
                .register(registry);
        Gauge.builder("albatross.unikernels.live", live, AtomicInteger::get)
                .description("unikernels whose tender runs").register(registry);
        this.consoleDropped = Counter.builder("albatross.console.dropped").baseUnit("lines")
                .description("console lines lost: overwritten before a subscriber took them, or too long")
                .register(registry);
    }

    /** One command was answered: {@code result} from its (first) reply. */
    public void commandHandled(Command command, Result result) {
        Counter.builder("albatross.commands").description("commands answered, by kind and result")
                .tag("kind", CommandTags.kind(command))
                .tag("result", result == Result.SUCCESS ? "success" : "failure")
                .register(registry).increment();
    }

    /** Like {@link #commandHandled(Command, Result)}, the result read from the reply. */
    public void commandHandled(Command command, Payload reply) {
        commandHandled(command, reply instanceof Failure ? Result.FAILURE : Result.SUCCESS);
    }

    public void unikernelCreated(Duration latency) {
        createLatency.record(latency);
    }

    public void liveUnikernels(int count) {
        live.set(count);
    }

    public void consoleLinesDropped(long lines) {
        consoleDropped.increment(lines);
    }
}
