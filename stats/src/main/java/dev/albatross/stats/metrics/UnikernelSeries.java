package dev.albatross.stats.metrics;

import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.Data;
import dev.albatross.protocol.wire.IfData;
import dev.albatross.protocol.wire.Timeval;
import dev.albatross.protocol.wire.VmmStat;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The meters of one unikernel, tagged {@code unikernel} (full name) and {@code path} (its tenant path, {@code :}
 * for the root), reading the latest sample. Written by the collector thread; read by scrapes on any thread through
 * volatile and concurrent fields holding immutable records.
 */
final class UnikernelSeries {
    private static final double TWO_TO_64 = 18446744073709551616.0;

    private final MeterRegistry registry;
    private final Tags tags;
    private final long pageSizeBytes;
    private final List<Meter> meters = new ArrayList<>();
    private final Map<String, IfData> interfaces = new ConcurrentHashMap<>();
    private final Map<String, Long> kvm = new ConcurrentHashMap<>();
    private volatile Data.Statistics latest;

    UnikernelSeries(MeterRegistry registry, Name name, long pageSizeBytes, Data.Statistics first) {
        this.registry = registry;
        this.tags = Tags.of("unikernel", name.text(), "path", name.path().asName().text());
        this.pageSizeBytes = pageSizeBytes;
        this.latest = first;
        counter("albatross.unikernel.cpu", "seconds", "mode", "user", s -> seconds(s.rusage().utime()));
        counter("albatross.unikernel.cpu", "seconds", "mode", "system", s -> seconds(s.rusage().stime()));
        counter("albatross.unikernel.page.faults", null, "kind", "minor", s -> unsigned(s.rusage().minflt()));
        counter("albatross.unikernel.page.faults", null, "kind", "major", s -> unsigned(s.rusage().majflt()));
        counter("albatross.unikernel.context.switches", null, "kind", "voluntary", s -> unsigned(s.rusage().nvcsw()));
        counter("albatross.unikernel.context.switches", null, "kind", "involuntary",
                s -> unsigned(s.rusage().nivcsw()));
        gauge("albatross.unikernel.memory.rss", Tags.empty(),
                u -> u.latest.kinfoMem().map(m -> unsigned(m.rss()) * pageSizeBytes).orElse(Double.NaN));
        gauge("albatross.unikernel.memory.virtual", Tags.empty(),
                u -> u.latest.kinfoMem().map(m -> unsigned(m.vsize())).orElse(Double.NaN));
        update(first);
    }

    /** Takes this round's sample; registers the meters of interfaces and KVM counters seen for the first time. */
    void update(Data.Statistics s) {
        latest = s;
        for (IfData i : s.ifdata()) {
            if (interfaces.put(i.bridge(), i) == null) {
                registerInterface(i.bridge());
            }
        }
        for (VmmStat v : s.vmm().orElse(List.of())) {
            if (kvm.put(v.key(), v.value()) == null) {
                String key = v.key();
                gauge("albatross.unikernel.kvm", Tags.of("stat", key), u -> unsigned(u.kvm.get(key)));
            }
        }
    }

    private void registerInterface(String netif) {
        interfaceCounters(netif, "bytes", "bytes", IfData::inputBytes, IfData::outputBytes);
        interfaceCounters(netif, "packets", null, IfData::inputPackets, IfData::outputPackets);
        interfaceCounters(netif, "errors", null, IfData::inputErrors, IfData::outputErrors);
        interfaceCounters(netif, "dropped", null, IfData::inputDropped, IfData::outputDropped);
    }

    /** "Input" on the tap is what the unikernel sent: direction {@code vm_to_host}, as albatross-influx says. */
    private void interfaceCounters(String netif, String what, String unit, ToLongFunction<IfData> in,
            ToLongFunction<IfData> out) {
        String name = "albatross.unikernel.network." + what;
        Tags t = tags.and("netif", netif);
        meters.add(FunctionCounter.builder(name, this, u -> unsigned(in.applyAsLong(u.interfaces.get(netif))))
                .tags(t.and("direction", "vm_to_host")).baseUnit(unit).register(registry));
        meters.add(FunctionCounter.builder(name, this, u -> unsigned(out.applyAsLong(u.interfaces.get(netif))))
                .tags(t.and("direction", "host_to_vm")).baseUnit(unit).register(registry));
    }

    private void counter(String name, String unit, String tag, String value, ToDoubleFunction<Data.Statistics> f) {
        meters.add(FunctionCounter.builder(name, this, u -> f.applyAsDouble(u.latest))
                .tags(tags.and(tag, value)).baseUnit(unit).register(registry));
    }

    private void gauge(String name, Tags extra, ToDoubleFunction<UnikernelSeries> f) {
        meters.add(Gauge.builder(name, this, f).tags(tags.and(extra))
                .baseUnit(name.startsWith("albatross.unikernel.memory") ? "bytes" : null).register(registry));
    }

    /** Removes every meter of this unikernel from the registry. */
    void remove() {
        meters.forEach(registry::remove);
        meters.clear();
    }

    static double seconds(Timeval t) {
        return unsigned(t.seconds()) + t.microseconds() / 1e6;
    }

    /** The wire's 64-bit counters are unsigned. */
    static double unsigned(long v) {
        return v >= 0 ? v : v + TWO_TO_64;
    }
}
