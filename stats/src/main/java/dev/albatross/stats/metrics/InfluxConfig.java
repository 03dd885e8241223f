package dev.albatross.stats.metrics;

import dev.albatross.protocol.name.Name;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Where and how to push Influx lines (spec §9.2, {@code albatross-influx --influx HOST[:PORT] [-n NAME]
 * [--no-drop-path]}).
 *
 * @param target         the Influx/Telegraf TCP listener; port 8094 unless given
 * @param name           only unikernels at or below this name, named relative to its path (default {@code :})
 * @param noDropPath     tag {@code vm} with the full relative name instead of its label
 * @param queueRounds    rounds kept while the target is unreachable or slow; the oldest is dropped beyond this,
 *                       since lines carry no timestamp and late ones would be stored with the wrong time
 * @param minBackoff     wait after the first failed connection; doubled after each further failure
 * @param maxBackoff     the longest wait between attempts (albatross-influx retries every 5 s)
 * @param connectTimeout how long one connection attempt may take
 */
public record InfluxConfig(HostPort target, Name name, boolean noDropPath, int queueRounds, Duration minBackoff,
        Duration maxBackoff, Duration connectTimeout) {
    public static final int DEFAULT_PORT = 8094;
    public static final int DEFAULT_QUEUE_ROUNDS = 3;
    public static final Duration DEFAULT_MIN_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    public InfluxConfig {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(minBackoff, "minBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (queueRounds < 1) {
            throw new IllegalArgumentException("queueRounds must be positive: " + queueRounds);
        }
        if (minBackoff.isNegative() || minBackoff.isZero() || maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("need 0 < minBackoff <= maxBackoff: " + minBackoff + ", " + maxBackoff);
        }
    }

    /** {@code --influx HOST[:PORT]} with albatross-influx's defaults: every unikernel, labels only. */
    public static InfluxConfig of(String hostPort) {
        return new InfluxConfig(HostPort.parse(hostPort, OptionalInt.of(DEFAULT_PORT)), Name.ROOT, false,
                DEFAULT_QUEUE_ROUNDS, DEFAULT_MIN_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_CONNECT_TIMEOUT);
    }

    public InfluxConfig withName(Name newName, boolean newNoDropPath) {
        return new InfluxConfig(target, newName, newNoDropPath, queueRounds, minBackoff, maxBackoff, connectTimeout);
    }

    public InfluxConfig withBackoff(Duration min, Duration max) {
        return new InfluxConfig(target, name, noDropPath, queueRounds, min, max, connectTimeout);
    }

    public InfluxConfig withQueueRounds(int rounds) {
        return new InfluxConfig(target, name, noDropPath, rounds, minBackoff, maxBackoff, connectTimeout);
    }
}
