package dev.albatross.stats;

import dev.albatross.stats.procfs.KvmDebugfs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the statistics run, with their limits.
 *
 * @param interval              time between rounds (Albatross {@code --interval}, default 10 s); at least 1 s,
 *                              since a round's cost is paid every interval
 * @param maxSubscribersPerName subscribers at one name before the oldest is evicted; Albatross has 1 (quirk 6: a
 *                              new {@code albatross-client stats} pushes out {@code albatross-influx}); we default to
 *                              5, the console's limit, which bounds a name's fan-out
 * @param maxRegistrations      unikernels registered at once; any local client of {@code stat.sock} may add, so the
 *                              state it can make us hold is bounded (8 x the 1,000 we measured)
 * @param gatherKvm             also read KVM's per-VM counters from debugfs (Albatross's
 *                              {@code --gather-bhyve-stats} on FreeBSD); off by default: Albatross sends none on Linux
 * @param procRoot              {@code /proc}
 * @param kvmRoot               {@code /sys/kernel/debug/kvm}
 */
public record StatsConfig(Duration interval, int maxSubscribersPerName, int maxRegistrations, boolean gatherKvm,
        Path procRoot, Path kvmRoot) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_SUBSCRIBERS_PER_NAME = 5;
    public static final int DEFAULT_MAX_REGISTRATIONS = 8192;
    /** Solo5's manifest holds at most 64 devices, so no tender has more interfaces. */
    public static final int MAX_INTERFACES = 64;

    public static final StatsConfig DEFAULTS = new StatsConfig(DEFAULT_INTERVAL, DEFAULT_MAX_SUBSCRIBERS_PER_NAME,
            DEFAULT_MAX_REGISTRATIONS, false, Path.of("/proc"), KvmDebugfs.DEFAULT_ROOT);

    public StatsConfig {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(procRoot, "procRoot");
        Objects.requireNonNull(kvmRoot, "kvmRoot");
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("statistics interval below " + MIN_INTERVAL.toSeconds() + " s: "
                    + interval);
        }
        if (maxSubscribersPerName < 1 || maxRegistrations < 1) {
            throw new IllegalArgumentException("limits must be positive: " + maxSubscribersPerName + ", "
                    + maxRegistrations);
        }
    }

    public StatsConfig withInterval(Duration newInterval) {
        return new StatsConfig(newInterval, maxSubscribersPerName, maxRegistrations, gatherKvm, procRoot, kvmRoot);
    }

    public StatsConfig withMaxSubscribersPerName(int max) {
        return new StatsConfig(interval, max, maxRegistrations, gatherKvm, procRoot, kvmRoot);
    }

    public StatsConfig withMaxRegistrations(int max) {
        return new StatsConfig(interval, maxSubscribersPerName, max, gatherKvm, procRoot, kvmRoot);
    }

    public StatsConfig withKvm(boolean gather, Path root) {
        return new StatsConfig(interval, maxSubscribersPerName, maxRegistrations, gather, procRoot, root);
    }
}
