package dev.albatross.stats;

import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.Header;
import dev.albatross.protocol.wire.StatsCmd;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.wire.WireCodec;
import dev.albatross.stats.metrics.UnikernelMeters;
import dev.albatross.stats.procfs.AuxVector;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Harness (not a test): what one collection round of many unikernels costs on the collector thread, in CPU time
 * (user + system, so the kernel's work for procfs and netlink counts), and what the state costs in heap.
 *
 * <pre>
 *   cd /work/main &amp;&amp; mvn -q -pl stats test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/stats.cp
 *   java -cp stats/target/test-classes:stats/target/classes:$(cat /tmp/stats.cp) \
 *       dev.albatross.stats.StatsCostMain [processes] [taps] [rounds] [metrics]
 * </pre>
 * {@code processes} real {@code sleep} processes are spawned (default 1,000), each registered under its own name;
 * as root, {@code taps} tap devices are created (default 0) and each unikernel gets one of them; one subscriber
 * at {@code :} takes every message (as albatross-influx does), and each message is also DER-encoded, as the
 * daemon's encoder would. With {@code metrics} = true a Prometheus registry is fed too.
 */
public final class StatsCostMain {
    private StatsCostMain() {
    }

    public static void main(String[] args) throws Exception {
        int processes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int taps = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        boolean metrics = args.length > 3 && Boolean.parseBoolean(args[3]);
        List<Process> sleeps = new ArrayList<>();
        List<String> links = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> cleanUp(sleeps, links)));
        try {
            for (int i = 0; i < taps; i++) {
                links.add(String.format("jcost%05d", i));
            }
            batchIp(links, "tuntap add dev %s mode tap", "link set %s up");
            for (int i = 0; i < processes; i++) {
                sleeps.add(new ProcessBuilder("sleep", "3600").start());
            }
            run(sleeps, links, rounds, metrics);
        } finally {
            cleanUp(sleeps, links);
        }
    }

    private static void run(List<Process> sleeps, List<String> links, int rounds, boolean metrics) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heapBefore = usedHeap(memory);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        List<RoundListener> listeners = metrics
                ? List.of(new UnikernelMeters(registry, AuxVector.self().pageSizeBytes())) : List.of();
        StatsCollector collector = new StatsCollector(StatsConfig.DEFAULTS, Gatherer.open(StatsConfig.DEFAULTS),
                listeners, Clock.systemUTC());
        long[] encodedBytes = new long[1];
        StatsSink encoding = new StatsSink() {
            @Override
            public boolean offer(Wire message) {
                encodedBytes[0] += WireCodec.encodeFramed(message).length;
                return true;
            }

            @Override
            public void close(CloseReason reason) {
                if (reason != CloseReason.SHUTDOWN) {
                    throw new IllegalStateException("the measuring subscriber was dropped: " + reason);
                }
            }
        };
        for (int i = 0; i < sleeps.size(); i++) {
            List<StatsCmd.Interface> net = links.isEmpty() ? List.of()
                    : List.of(new StatsCmd.Interface("service", links.get(i % links.size())));
            Name name = Name.parse("tenant" + (i % 10) + ":vm" + i);
            collector.add(name, Math.toIntExact(sleeps.get(i).pid()), net);
        }
        collector.handle(new Wire(Header.of(1, Name.ROOT), new StatsCmd.Subscribe()), encoding);

        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 10; i++) {
            collector.collect(); // warm-up: JIT, page cache of procfs dentries
        }
        long[] cpuNanos = new long[rounds];
        long[] wallNanos = new long[rounds];
        int samples = 0;
        encodedBytes[0] = 0;
        for (int i = 0; i < rounds; i++) {
            long c0 = cpu.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            samples = collector.collect().samples().size();
            wallNanos[i] = System.nanoTime() - w0;
            cpuNanos[i] = cpu.getCurrentThreadCpuTime() - c0;
        }
        long heapAfter = usedHeap(memory);
        Arrays.sort(cpuNanos);
        Arrays.sort(wallNanos);
        double medianCpuMs = cpuNanos[rounds / 2] / 1e6;
        System.out.printf("unikernels %d (samples per round %d), taps %d, metrics %s, rounds %d%n", sleeps.size(),
                samples, links.size(), metrics, rounds);
        System.out.printf("CPU per round: median %.1f ms, min %.1f ms, max %.1f ms; wall median %.1f ms%n",
                medianCpuMs, cpuNanos[0] / 1e6, cpuNanos[rounds - 1] / 1e6, wallNanos[rounds / 2] / 1e6);
        System.out.printf("at a 10 s interval: %.3f%% of one core%n", medianCpuMs / 10_000 * 100);
        System.out.printf("encoded Stats_data: %d bytes per round%n", encodedBytes[0] / rounds);
        System.out.printf("heap held: %.1f KiB per unikernel (%d KiB in all)%n",
                (heapAfter - heapBefore) / 1024.0 / sleeps.size(), (heapAfter - heapBefore) / 1024);
        if (metrics) {
            System.out.printf("Prometheus scrape: %d bytes%n", registry.scrape().getBytes(StandardCharsets.UTF_8)
                    .length);
        }
        // Keep the state reachable until measured.
        System.out.println("registrations " + collector.table().registrationCount());
        collector.close();
    }

    private static long usedHeap(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static void batchIp(List<String> names, String... commands) throws IOException, InterruptedException {
        if (names.isEmpty()) {
            return;
        }
        Path batch = Files.createTempFile("jcost", ".ip");
        try {
            StringBuilder s = new StringBuilder();
            for (String c : commands) {
                for (String n : names) {
                    s.append(String.format(c, n)).append('\n');
                }
            }
            Files.writeString(batch, s);
            Process p = new ProcessBuilder("ip", "-force", "-batch", batch.toString()).inheritIO().start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } finally {
            Files.deleteIfExists(batch);
        }
    }

    private static synchronized void cleanUp(List<Process> sleeps, List<String> links) {
        sleeps.forEach(Process::destroyForcibly);
        sleeps.clear();
        List<String> present = links.stream().filter(n -> Files.exists(Path.of("/sys/class/net", n))).toList();
        try {
            batchIp(present, "link del %s");
        } catch (IOException e) {
            System.err.println("deleting test links: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        links.clear();
    }
}
