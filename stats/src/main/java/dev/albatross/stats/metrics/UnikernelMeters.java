package dev.albatross.stats.metrics;

import dev.albatross.protocol.name.Name;
import dev.albatross.stats.Round;
import dev.albatross.stats.RoundListener;
import dev.albatross.stats.Sample;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One time series per unikernel and figure, tagged with its name and tenant path (see {@link UnikernelSeries}),
 * plus the cost of each round ({@code albatross_stats_round_seconds}). A unikernel's meters are registered at its
 * first sample and removed from the registry in the first round without it.
 *
 * <pre>
 *   albatross_unikernel_cpu_seconds_total{mode="user"|"system"}
 *   albatross_unikernel_page_faults_total{kind="minor"|"major"}
 *   albatross_unikernel_context_switches_total{kind="voluntary"|"involuntary"}
 *   albatross_unikernel_memory_rss_bytes, albatross_unikernel_memory_virtual_bytes
 *   albatross_unikernel_network_{bytes,packets,errors,dropped}_total{netif, direction="vm_to_host"|"host_to_vm"}
 *   albatross_unikernel_kvm{stat}                                       (only with KVM counters)
 *   every one also tagged {unikernel="foo:bar", path="foo:"}
 * </pre>
 */
public final class UnikernelMeters implements RoundListener {
    private final MeterRegistry registry;
    private final long pageSizeBytes;
    private final Map<Name, UnikernelSeries> series = new HashMap<>();
    private final Timer rounds;
    private final AtomicInteger gathered = new AtomicInteger();

    /** {@code pageSizeBytes} turns the wire's rss (pages) into bytes; see {@code AuxVector#pageSizeBytes}. */
    public UnikernelMeters(MeterRegistry registry, long pageSizeBytes) {
        this.registry = Objects.requireNonNull(registry, "registry");
        if (pageSizeBytes <= 0) {
            throw new IllegalArgumentException("page size must be positive: " + pageSizeBytes);
        }
        this.pageSizeBytes = pageSizeBytes;
        this.rounds = Timer.builder("albatross.stats.round").description("time one statistics round took")
                .register(registry);
        Gauge.builder("albatross.stats.unikernels", gathered, AtomicInteger::get)
                .description("unikernels read in the last statistics round").register(registry);
    }

    @Override
    public void roundCollected(Round round) {
        Set<Name> seen = new HashSet<>();
        for (Sample s : round.samples()) {
            seen.add(s.name());
            UnikernelSeries existing = series.get(s.name());
            if (existing == null) {
                series.put(s.name(), new UnikernelSeries(registry, s.name(), pageSizeBytes, s.statistics()));
            } else {
                existing.update(s.statistics());
            }
        }
        for (Iterator<Map.Entry<Name, UnikernelSeries>> it = series.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Name, UnikernelSeries> e = it.next();
            if (!seen.contains(e.getKey())) {
                e.getValue().remove();
                it.remove();
            }
        }
        rounds.record(round.elapsed());
        gathered.set(round.samples().size());
    }
}
