package dev.albatross.daemon.tls;

import dev.albatross.daemon.DaemonFixture;
import dev.albatross.daemon.WireClient;
import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.UnikernelCmd;
import dev.albatross.protocol.wire.UnikernelConfig;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.x509.ChainCertificates;
import dev.albatross.tender.elf.Solo5ImageBuilder;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * The endpoint's benchmark (a harness, not a test): a real albatrossd and endpoint (2 event-loop threads) in this
 * JVM, certificates prepared once, every command on a new TLS connection with a full handshake (the endpoint resumes
 * no session). For info and for a create with a 1 MiB image in the certificate it prints p50/p99 of the client's
 * round trip and of the endpoint's own share ({@link EndpointTimings#endpointNanos()}); for 1, 8 and 64 clients
 * sending info it prints commands per second. Each line also gives CPU time per command: the endpoint's threads
 * ({@code tls-endpoint-*}), the clients' threads, and the whole process (endpoint, clients and albatrossd; not the
 * tender processes), since clients and endpoint share the machine's cores.
 *
 * <p>Run as root, after {@code mvn -pl daemon test-compile} (the tender tests build the solo5-hvt double):
 * <pre>
 *   cd daemon &amp;&amp; java -Dalbatross.repo=.. -cp target/test-classes:target/classes:$(cat cp.txt) \
 *       dev.albatross.daemon.tls.TlsLoadGenerator MODE [SECONDS [ROUNDS [PHASES]]]
 * </pre>
 * with {@code cp.txt} from {@code mvn -pl daemon dependency:build-classpath -Dmdep.includeScope=test
 * -Dmdep.outputFile=cp.txt}. MODE: {@code jdk} (the endpoint as shipped: JDK TLS with BouncyCastle's Ed25519 and
 * X25519), {@code jdk-sunec} (JDK TLS with the JDK's own Ed25519 and X25519, for comparison), {@code openssl}
 * (BoringSSL; clients use P-256 keys, as it cannot verify Ed25519 clients). SECONDS per throughput point (5),
 * ROUNDS of every measurement (1), PHASES a comma-separated subset of {@code info,create,stream,throughput}
 * ({@code stream}: the create with its image streamed after the handshake instead of in the certificate).
 */
public final class TlsLoadGenerator {
    private static final int INFO_CALLS = 300;
    private static final int CREATE_CALLS = 40;
    private static final int[] CLIENTS = {1, 8, 64};
    /** Chunks of a streamed image. */
    private static final int STREAM_CHUNK_BYTES = 64 * 1024;

    private final TlsEndpoint endpoint;
    private final DaemonFixture daemon;
    private final ConcurrentLinkedQueue<Long> shares;
    private final SSLContext info;
    private final CpuMeter cpu = new CpuMeter();
    /** One long-lived thread for the one-after-the-other measurements, so its CPU time stays countable. */
    private final ExecutorService sequential = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, CpuMeter.CLIENT_THREAD + "seq");
        t.setDaemon(true);
        return t;
    });

    private TlsLoadGenerator(TlsEndpoint endpoint, DaemonFixture daemon, ConcurrentLinkedQueue<Long> shares,
            SSLContext info) {
        this.endpoint = endpoint;
        this.daemon = daemon;
        this.shares = shares;
        this.info = info;
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "jdk";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Set<String> phases = Set.of((args.length > 3 ? args[3] : "info,create,stream,throughput").split(","));
        TlsProvider provider = mode.equals("openssl") ? TlsProvider.OPENSSL : TlsProvider.JDK;
        ServerTls.jdkLimits(TlsLimits.defaults());
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Path dir = Files.createTempDirectory("tlsbench");
        try (DaemonFixture daemon = DaemonFixture.create(dir).start()) {
            Instant now = Instant.now();
            TenantCertificates certs = new TenantCertificates(now, daemon.bridge);
            ConcurrentLinkedQueue<Long> shares = new ConcurrentLinkedQueue<>();
            TlsEndpoint.Config config = new TlsEndpoint.Config(certs.credentials(), provider, daemon.paths.tmpdir(),
                    TlsLimits.defaults(), Clock.fixed(now, ZoneOffset.UTC), 2, t -> shares.add(t.endpointNanos()));
            try (TlsEndpoint endpoint = TlsEndpoint.listen(config, new InetSocketAddress(
                    InetAddress.getLoopbackAddress(), 0))) {
                if (mode.equals("jdk-sunec")) {
                    // The endpoint installed it; without it the JCA (for endpoint and clients alike) falls to SunEC.
                    Security.removeProvider(Curve25519Provider.NAME);
                }
                boolean p256 = provider == TlsProvider.OPENSSL;
                System.out.printf("mode %s: TLS %s, %d cores%n", mode, endpoint.provider(),
                        Runtime.getRuntime().availableProcessors());
                TlsLoadGenerator bench = new TlsLoadGenerator(endpoint, daemon, shares,
                        context(certs, ".", new UnikernelCmd.Info(), p256));
                bench.warmUp(certs, p256);
                for (int round = 1; round <= rounds; round++) {
                    System.out.println("round " + round + " at " + Instant.now());
                    if (phases.contains("info")) {
                        bench.infoLatency();
                    }
                    if (phases.contains("create")) {
                        bench.createLatency(certs, p256, "r" + round);
                    }
                    if (phases.contains("stream")) {
                        bench.streamedCreateLatency(certs, p256, "s" + round);
                    }
                    if (phases.contains("throughput")) {
                        for (int clients : CLIENTS) {
                            bench.throughput(clients, seconds);
                        }
                    }
                }
            }
        }
    }

    /**
     * Until the JIT has compiled the handshake and the create path, as in an endpoint that has run a while: rounds of
     * 200 info and 5 creates until one spends less than 2% of its time compiling (at most 40 rounds).
     */
    private void warmUp(TenantCertificates certs, boolean p256) throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        for (int round = 0; round < 40; round++) {
            String prefix = "w" + round + "-";
            List<SSLContext> creates = createContexts(certs, p256, prefix, 5);
            long compiled = jit.getTotalCompilationTime();
            long t0 = System.nanoTime();
            inClientThread(() -> {
                for (int i = 0; i < 200; i++) {
                    TlsTestClient.call(info, endpoint.port());
                }
                for (int i = 0; i < creates.size(); i++) {
                    TlsTestClient.call(creates.get(i), endpoint.port());
                    destroy(prefix + i);
                }
                return null;
            });
            long wallMs = (System.nanoTime() - t0) / 1_000_000;
            long compileMs = jit.getTotalCompilationTime() - compiled;
            if (compileMs * 50 < wallMs) {
                System.out.printf("warmed up after %d rounds (%d ms compiling in the last %d ms)%n", round + 1,
                        compileMs, wallMs);
                return;
            }
        }
        System.out.println("still compiling after 40 warm-up rounds");
    }

    private void infoLatency() throws Exception {
        measure("info", INFO_CALLS, i -> TlsTestClient.call(info, endpoint.port()), i -> { });
    }

    /** Each create is destroyed before the next (outside the timing), so the daemon's state stays one unikernel. */
    private void createLatency(TenantCertificates certs, boolean p256, String prefix) throws Exception {
        List<SSLContext> creates = createContexts(certs, p256, prefix, CREATE_CALLS);
        measure("create 1 MiB", creates.size(), i -> TlsTestClient.call(creates.get(i), endpoint.port()),
                i -> destroy(prefix + i));
    }

    /**
     * The same creates with the image streamed after the handshake (spec §11 step 2, since Albatross 2.5.0) instead
     * of inside the certificate: what a client gains by streaming.
     */
    private void streamedCreateLatency(TenantCertificates certs, boolean p256, String prefix) throws Exception {
        List<byte[]> chunks = new ArrayList<>();
        byte[] image = image();
        for (int at = 0; at < image.length; at += STREAM_CHUNK_BYTES) {
            chunks.add(java.util.Arrays.copyOfRange(image, at, Math.min(image.length, at + STREAM_CHUNK_BYTES)));
        }
        List<SSLContext> creates = new ArrayList<>();
        for (int i = 0; i < CREATE_CALLS; i++) {
            creates.add(context(certs, prefix + i, new UnikernelCmd.Create(config(Bytes.EMPTY)), p256));
        }
        measure("create 1 MiB streamed", creates.size(), i -> TlsTestClient.call(creates.get(i), endpoint.port(),
                chunks), i -> destroy(prefix + i));
    }

    interface Call {
        List<Wire> run(int i) throws Exception;
    }

    interface After {
        void run(int i) throws Exception;
    }

    /** {@code runs} commands one after the other, from one client thread; {@code after} each, untimed. */
    private void measure(String what, int runs, Call call, After after) throws Exception {
        shares.clear();
        List<Long> rtt = new ArrayList<>();
        CpuMeter.Sample before = cpu.sample();
        long clientNanos = inClientThread(() -> {
            long cpu0 = CpuMeter.threadNanos();
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                List<Wire> r = call.run(i);
                rtt.add(System.nanoTime() - t0);
                if (r.size() != 1 || !(r.get(0).payload() instanceof dev.albatross.protocol.wire.Success)) {
                    throw new IllegalStateException("unexpected reply " + r);
                }
                after.run(i);
            }
            return CpuMeter.threadNanos() - cpu0;
        });
        CpuMeter.Sample used = cpu.sample().minus(before);
        List<Long> own = new ArrayList<>(shares);
        System.out.printf("%-13s round trip p50 %6.2f ms p99 %6.2f ms | endpoint share p50 %6.2f ms p99 %6.2f ms | "
                + "%s (n=%d)%n", what + ":", p(rtt, 50), p(rtt, 99), p(own, 50), p(own, 99),
                used.perCommand(runs, clientNanos), runs);
    }

    private void throughput(int clients, int seconds) throws Exception {
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients,
                r -> new Thread(r, CpuMeter.CLIENT_THREAD + names.getAndIncrement()));
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong clientNanos = new AtomicLong();
        CpuMeter.Sample before = cpu.sample();
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            fs.add(pool.submit(() -> {
                long cpu0 = CpuMeter.threadNanos();
                while (System.nanoTime() < end) {
                    try {
                        TlsTestClient.call(info, endpoint.port());
                        done.incrementAndGet();
                    } catch (java.io.IOException e) {
                        failed.incrementAndGet();
                    }
                }
                clientNanos.addAndGet(CpuMeter.threadNanos() - cpu0);
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        CpuMeter.Sample used = cpu.sample().minus(before);
        pool.shutdown();
        System.out.printf("%2d clients:   %6.0f info/s (%d failed) | %s%n", clients, done.get() / elapsed,
                failed.get(), used.perCommand(done.get(), clientNanos.get()));
    }

    private <T> T inClientThread(java.util.concurrent.Callable<T> task) throws Exception {
        return sequential.submit(task).get();
    }

    private void destroy(String label) throws java.io.IOException {
        WireClient.call(daemon.paths.vmmdSocket(), Name.parse(label), new UnikernelCmd.Destroy());
    }

    /** Client contexts for creates of unikernels {@code prefix0...}, each with a 1 MiB image in its certificate. */
    private static List<SSLContext> createContexts(TenantCertificates certs, boolean p256, String prefix, int count) {
        Bytes image = Bytes.wrap(image());
        List<SSLContext> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(context(certs, prefix + i, new UnikernelCmd.Create(config(image)), p256));
        }
        return out;
    }

    /** A 1 MiB image: a solo5-hvt ELF (the tender double checks it) padded with random bytes. */
    private static byte[] image() {
        byte[] elf = Solo5ImageBuilder.hvt().build();
        byte[] image = new byte[1 << 20];
        new Random(1).nextBytes(image);
        System.arraycopy(elf, 0, image, 0, elf.length);
        return image;
    }

    private static UnikernelConfig config(Bytes image) {
        return UnikernelConfig.builder().image(image).memoryMb(16).cpuids(List.of(0))
                .arguments(Optional.of(List.of("--x-hang"))).build();
    }

    private static SSLContext context(TenantCertificates certs, String cn, Command cmd, boolean p256) {
        if (!p256) {
            return TenantCertificates.client(certs.leaf(cn, cmd, certs.root));
        }
        var leaf = ChainCertificates.builder(cn).keys(ChainCertificates.p256()).issuer(certs.root)
                .validity(certs.from, certs.to).leaf().extension(cmd).build();
        return TenantCertificates.client(leaf);
    }

    private static double p(List<Long> values, int percentile) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    /**
     * CPU time of the endpoint's event loops and of the process as a whole; the load clients measure their own
     * threads ({@link #threadNanos()}), since a client thread may end before the next sample.
     */
    static final class CpuMeter {
        static final String CLIENT_THREAD = "load-client-";
        private static final String ENDPOINT_THREAD = "tls-endpoint-";
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        /** CPU times; {@code byThread} per thread name with digits dropped, with {@code -Dtlsbench.threads}. */
        record Sample(long endpointNanos, long processNanos, Map<String, Long> byThread) {
            Sample minus(Sample earlier) {
                Map<String, Long> delta = new TreeMap<>(byThread);
                earlier.byThread.forEach((k, v) -> delta.merge(k, -v, Long::sum));
                return new Sample(endpointNanos - earlier.endpointNanos, processNanos - earlier.processNanos, delta);
            }

            String perCommand(long commands, long clientNanos) {
                double n = Math.max(1, commands) * 1e6;
                StringBuilder s = new StringBuilder(String.format(
                        "CPU/command: endpoint %.2f ms, clients %.2f ms, process %.2f ms",
                        endpointNanos / n, clientNanos / n, processNanos / n));
                byThread.entrySet().stream().filter(e -> e.getValue() / n >= 0.05)
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .forEach(e -> s.append(String.format("%n      %-40s %.2f ms", e.getKey(), e.getValue() / n)));
                return s.toString();
            }
        }

        /** The calling thread's CPU time. */
        static long threadNanos() {
            return THREADS.getCurrentThreadCpuTime();
        }

        Sample sample() {
            long endpoint = 0;
            Map<String, Long> byThread = new TreeMap<>();
            for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
                if (t != null && t.getThreadName().startsWith(ENDPOINT_THREAD)) {
                    endpoint += Math.max(0, THREADS.getThreadCpuTime(t.getThreadId()));
                }
            }
            if (Boolean.getBoolean("tlsbench.threads")) {
                nativeThreads(byThread);
            }
            return new Sample(endpoint, os.getProcessCpuTime(), byThread);
        }

        /** Every thread of the process, the JVM's own (compilers, GC) included, from /proc (10 ms ticks). */
        private static void nativeThreads(Map<String, Long> byThread) {
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    try {
                        String name = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "N");
                        String stat = Files.readString(task.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                        byThread.merge(name, ticks * 10_000_000L, Long::sum);
                    } catch (java.io.IOException e) {
                        // The thread ended while being read: it no longer counts.
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
