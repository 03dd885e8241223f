package dev.albatross.daemon.tls;

import dev.albatross.daemon.DaemonFixture;
import dev.albatross.daemon.WireClient;
import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.UnikernelCmd;
import dev.albatross.protocol.wire.UnikernelConfig;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.x509.ChainCertificates;
import dev.albatross.tender.elf.Solo5ImageBuilder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * The endpoint's benchmark (a harness, not a test): a real albatrossd and endpoint in this JVM, certificates
 * prepared once, every command on a new TLS connection. Prints p50/p99 of the client's round trip and of the
 * endpoint's own share ({@link EndpointTimings#endpointNanos()}) for info and for a create with a 1 MiB image in
 * the certificate, and info commands per second with 1, 8 and 64 clients.
 *
 * <p>Run as root: {@code java -cp <test class path> dev.albatross.daemon.tls.TlsLoadGenerator jdk|openssl}.
 * With {@code openssl} the clients use P-256 keys (BoringSSL cannot verify Ed25519 clients).
 */
public final class TlsLoadGenerator {
    private TlsLoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        TlsProvider provider = args.length > 0 && args[0].equals("openssl") ? TlsProvider.OPENSSL : TlsProvider.JDK;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        ServerTls.jdkLimits(TlsLimits.defaults());
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Path dir = Files.createTempDirectory("tlsbench");
        try (DaemonFixture daemon = DaemonFixture.create(dir).start()) {
            Instant now = Instant.now();
            TenantCertificates certs = new TenantCertificates(now, daemon.bridge);
            ConcurrentLinkedQueue<Long> shares = new ConcurrentLinkedQueue<>();
            TlsLimits limits = TlsLimits.defaults();
            TlsEndpoint.Config config = new TlsEndpoint.Config(certs.credentials(), provider, daemon.paths.tmpdir(),
                    limits, Clock.fixed(now, ZoneOffset.UTC), 2, t -> shares.add(t.endpointNanos()));
            try (TlsEndpoint endpoint = TlsEndpoint.listen(config, new InetSocketAddress(
                    InetAddress.getLoopbackAddress(), 0))) {
                System.out.println("provider " + endpoint.provider());
                boolean p256 = provider == TlsProvider.OPENSSL;
                SSLContext info = context(certs, ".", new UnikernelCmd.Info(), p256);
                measure("info", 50, 300, () -> TlsTestClient.call(info, endpoint.port()), shares);

                byte[] elf = Solo5ImageBuilder.hvt().build();
                byte[] image = new byte[1 << 20];
                new Random(1).nextBytes(image);
                System.arraycopy(elf, 0, image, 0, elf.length);
                int creates = 40;
                List<SSLContext> createCtx = new ArrayList<>();
                for (int i = 0; i < creates + 5; i++) {
                    UnikernelConfig cfg = UnikernelConfig.builder().image(Bytes.wrap(image)).memoryMb(16)
                            .cpuids(List.of(0)).arguments(Optional.of(List.of("--x-hang"))).build();
                    createCtx.add(context(certs, "c" + i, new UnikernelCmd.Create(cfg), p256));
                }
                AtomicLong n = new AtomicLong();
                measure("create 1 MiB", 5, creates, () -> {
                    int i = (int) n.getAndIncrement();
                    List<Wire> r = TlsTestClient.call(createCtx.get(i), endpoint.port());
                    WireClient.call(daemon.paths.vmmdSocket(), Name.parse("c" + i), new UnikernelCmd.Destroy());
                    return r;
                }, shares);
                for (int clients : new int[] {1, 8, 64}) {
                    throughput(clients, seconds, info, endpoint.port());
                }
            }
        }
    }

    interface Call {
        List<Wire> run() throws Exception;
    }

    private static SSLContext context(TenantCertificates certs, String cn, dev.albatross.protocol.wire.Command cmd,
            boolean p256) {
        if (!p256) {
            return TenantCertificates.client(certs.leaf(cn, cmd, certs.root));
        }
        var leaf = ChainCertificates.builder(cn).keys(ChainCertificates.p256()).issuer(certs.root)
                .validity(certs.from, certs.to).leaf().extension(cmd).build();
        return TenantCertificates.client(leaf);
    }

    private static void measure(String what, int warmup, int runs, Call call, ConcurrentLinkedQueue<Long> shares)
            throws Exception {
        for (int i = 0; i < warmup; i++) {
            call.run();
        }
        shares.clear();
        List<Long> rtt = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            List<Wire> r = call.run();
            rtt.add(System.nanoTime() - t0);
            if (r.isEmpty()) {
                throw new IllegalStateException("no reply");
            }
        }
        List<Long> own = new ArrayList<>(shares);
        System.out.printf("%s: round trip p50 %.2f ms p99 %.2f ms; endpoint share p50 %.2f ms p99 %.2f ms (n=%d)%n",
                what, p(rtt, 50), p(rtt, 99), p(own, 50), p(own, 99), runs);
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

    private static void throughput(int clients, int seconds, SSLContext ctx, int port) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Future<?>> fs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            fs.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    try {
                        TlsTestClient.call(ctx, port);
                        done.incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        System.out.printf("%d clients: %.0f info/s (%d failed)%n", clients, done.get() / (double) seconds,
                failed.get());
    }
}
