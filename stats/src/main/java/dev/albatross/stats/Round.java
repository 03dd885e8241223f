package dev.albatross.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one collection round gathered: when (from the injected clock), the samples in name order, and how long the
 * round took on the collector thread (wall time).
 */
public record Round(Instant at, List<Sample> samples, Duration elapsed) {
    public Round {
        Objects.requireNonNull(at, "at");
        samples = List.copyOf(samples);
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
