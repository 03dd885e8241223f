package dev.albatross.console;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds of the console registry. Together with the fixed per-console bounds (1,024 lines of at most
 * {@value LineSplitter#MAX_EMITTED_LINE_BYTES} bytes, {@link Consoles#MAX_RING_BYTES}) and Albatross's per-path
 * count ({@code Console_add n}: at most n + 1 consoles kept for a path whose policy allows n unikernels), they
 * bound what the console can hold, per tenant and for the host.
 *
 * @param maxSubscribers    subscribers per console; a new one beyond this replaces the oldest
 *                          (Albatross {@code --max-subscribers}, ≥ 1)
 * @param maxRetainedBytes  history bytes kept for the whole host; beyond it, the history of stopped unikernels is
 *                          evicted first (largest path first, least recently stopped first), then the oldest lines
 *                          of running ones
 * @param maxSubscriberStall how long a subscriber may take no line at all, while lines wait for it, before it
 *                          is disconnected
 */
public record ConsoleLimits(int maxSubscribers, long maxRetainedBytes, Duration maxSubscriberStall) {
    /** Albatross's default since 2.6.1 (#240, for #237: every subscriber costs a connection and its buffers). */
    public static final int DEFAULT_MAX_SUBSCRIBERS = 5;
    /**
     * 256 MiB: room for the full history of ~450 consoles of maximal lines, or ~2,000 of typical 80-byte lines,
     * which covers a host of 1,000 unikernels in practice while leaving the daemon's heap bounded whatever
     * tenants print and however many of their unikernels die (the attack of Albatross #237).
     */
    public static final long DEFAULT_MAX_RETAINED_BYTES = 256L * 1024 * 1024;
    /**
     * One minute: far longer than a network hiccup or a terminal paused with ^S for a moment, short enough that a
     * client that stopped reading does not keep its connection and buffers for long.
     */
    public static final Duration DEFAULT_MAX_SUBSCRIBER_STALL = Duration.ofMinutes(1);

    public ConsoleLimits {
        if (maxSubscribers < 1) {
            throw new IllegalArgumentException("max subscribers must be greater than or equal to 1");
        }
        if (maxRetainedBytes < Consoles.MAX_RING_BYTES) {
            throw new IllegalArgumentException("max retained bytes must hold at least one full ring ("
                    + Consoles.MAX_RING_BYTES + " bytes): " + maxRetainedBytes);
        }
        Objects.requireNonNull(maxSubscriberStall, "maxSubscriberStall");
        if (maxSubscriberStall.isNegative() || maxSubscriberStall.isZero()) {
            throw new IllegalArgumentException("max subscriber stall must be positive: " + maxSubscriberStall);
        }
    }

    public static ConsoleLimits defaults() {
        return new ConsoleLimits(DEFAULT_MAX_SUBSCRIBERS, DEFAULT_MAX_RETAINED_BYTES, DEFAULT_MAX_SUBSCRIBER_STALL);
    }

    public ConsoleLimits withMaxSubscribers(int n) {
        return new ConsoleLimits(n, maxRetainedBytes, maxSubscriberStall);
    }

    public ConsoleLimits withMaxRetainedBytes(long bytes) {
        return new ConsoleLimits(maxSubscribers, bytes, maxSubscriberStall);
    }

    public ConsoleLimits withMaxSubscriberStall(Duration stall) {
        return new ConsoleLimits(maxSubscribers, maxRetainedBytes, stall);
    }
}
