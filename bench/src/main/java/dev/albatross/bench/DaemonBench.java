package dev.albatross.bench;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.Framing;
import dev.albatross.protocol.wire.Header;
import dev.albatross.protocol.wire.Payload;
import dev.albatross.protocol.wire.Success;
import dev.albatross.protocol.wire.UnikernelCmd;
import dev.albatross.protocol.wire.UnikernelConfig;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.wire.WireCodec;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Measures albatrossd as operators run it: the real daemon process ({@code bin/albatrossd}) with the solo5-hvt
 * test double as tender, driven over vmmd.sock by this process (no client start-up in the figures).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.albatross.bench.DaemonBench REPO TENDER WORKDIR [running [restore]]
 * </pre>
 * Prints: create round trip and daemon-side create latency (request in to tender spawned, from the daemon's own
 * timer), destroy latency, info with {@code running} unikernels, daemon RSS idle and with them, and the time to
 * restore {@code restore} persisted unikernels at start. Needs root (the daemon runs as root).
 */
public final class DaemonBench {
    private final Path repo;
    private final Path tender;
    private final Path work;
    private final Bytes image;
    private Process daemon;
    private final int metricsPort = 19000 + (int) (ProcessHandle.current().pid() % 1000);

    private DaemonBench(Path repo, Path tender, Path work) throws IOException {
        this.repo = repo;
        this.tender = tender;
        this.work = work;
        this.image = Bytes.wrap(Files.readAllBytes(repo.resolve("../shared/vectors/images/hello.hvt").normalize()));
    }

    public static void main(String[] args) throws Exception {
        DaemonBench b = new DaemonBench(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
        int running = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        int restore = args.length > 4 ? Integer.parseInt(args[4]) : 100;
        try {
            b.run(running, restore);
        } finally {
            b.stopDaemon();
        }
    }

    private Path tmpdir() {
        return work.resolve("tmp");
    }

    private Path dbdir() {
        return work.resolve("db");
    }

    private void run(int running, int restore) throws Exception {
        Files.createDirectories(dbdir());
        Files.copy(tender, dbdir().resolve("solo5-hvt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(dbdir().resolve("state"));
        startDaemon();
        System.out.printf("daemon RSS idle: %.1f MiB%n", rssMiB());

        // Create and destroy one at a time (warm-up first: the JIT and the tender lookup cache).
        for (int i = 0; i < 50; i++) {
            call(":warm" + i, new UnikernelCmd.Create(config()));
            call(":warm" + i, new UnikernelCmd.Destroy());
        }
        long[] create = new long[200];
        long[] destroy = new long[200];
        for (int i = 0; i < create.length; i++) {
            long t = System.nanoTime();
            expect(call(":c" + i, new UnikernelCmd.Create(config())), "created unikernel");
            create[i] = System.nanoTime() - t;
        }
        for (int i = 0; i < destroy.length; i++) {
            long t = System.nanoTime();
            expect(call(":c" + i, new UnikernelCmd.Destroy()), "destroyed unikernel");
            destroy[i] = System.nanoTime() - t;
        }
        report("create round trip (200, sequential)", create);
        report("destroy round trip (200, sequential)", destroy);
        System.out.println("daemon-side create latency (request in to tender spawned): " + daemonCreateLatency());

        // Many running unikernels: info and memory.
        for (int i = 0; i < running; i++) {
            expect(call(":r" + i, new UnikernelCmd.Create(config())), "created unikernel");
        }
        long[] info = new long[50];
        for (int i = 0; i < info.length; i++) {
            long t = System.nanoTime();
            Payload p = call(":", new UnikernelCmd.Info());
            info[i] = System.nanoTime() - t;
            if (((Success.UnikernelInfo) p).unikernels().size() != running) {
                throw new IllegalStateException("info lists " + ((Success.UnikernelInfo) p).unikernels().size());
            }
        }
        report("info with " + running + " running", info);
        System.gc();
        System.out.printf("daemon RSS with %d running: %.1f MiB%n", running, rssMiB());

        // Restore: keep `restore` of them, stop the daemon (they are persisted), start it again.
        for (int i = restore; i < running; i++) {
            call(":r" + i, new UnikernelCmd.Destroy());
        }
        stopDaemon();
        long t = System.nanoTime();
        startDaemon();
        long untilServing = System.nanoTime() - t;
        System.out.printf("restart with %d persisted: daemon process start to serving with all running: %.0f ms"
                + " (%s)%n", restore, untilServing / 1e6, restoreLine);
        for (int i = 0; i < restore; i++) {
            call(":r" + i, new UnikernelCmd.Destroy());
        }
    }

    private String restoreLine = "";

    private UnikernelConfig config() {
        return UnikernelConfig.builder().image(image).memoryMb(16).addName(false)
                .arguments(Optional.of(List.of("--x-hang"))).build();
    }

    private void startDaemon() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(repo.resolve("bin/albatrossd").toString(), "--tmpdir",
                tmpdir().toString(), "--dbdir", dbdir().toString(), "-v", "--tap-prefix", "bench",
                "--metrics-listen", "127.0.0.1:" + metricsPort);
        // bin/albatrossd's own defaults unless -Ddaemon.opts=... says otherwise.
        if (System.getProperty("daemon.opts") != null) {
            pb.environment().put("JAVA_OPTS", System.getProperty("daemon.opts"));
        }
        pb.redirectErrorStream(true);
        daemon = pb.start();
        InputStream out = daemon.getInputStream();
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = out.read();
            if (c < 0) {
                throw new IllegalStateException("daemon exited: " + line);
            }
            if (c == '\n') {
                String l = line.toString();
                line.setLength(0);
                if (l.contains("restoring")) {
                    restoreLine = l.substring(l.indexOf("restoring"));
                }
                if (l.contains("albatrossd started")) {
                    break;
                }
            } else {
                line.append((char) c);
            }
        }
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                // daemon gone
            }
        });
        drain.setDaemon(true);
        drain.start();
    }

    private void stopDaemon() throws Exception {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroy();
            daemon.waitFor(60, TimeUnit.SECONDS);
        }
        daemon = null;
    }

    private double rssMiB() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc", Long.toString(daemon.pid()), "status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return -1;
    }

    private String daemonCreateLatency() throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + metricsPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        StringBuilder s = new StringBuilder();
        for (String l : metrics.lines().toList()) {
            if (l.startsWith("albatross_unikernel_create_seconds{quantile")
                    || l.startsWith("albatross_unikernel_create_seconds_count")) {
                s.append(l.replace("albatross_unikernel_create_seconds", "")).append("; ");
            }
        }
        return s.toString();
    }

    private Payload call(String name, Command command) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(tmpdir().resolve("util/vmmd.sock")));
            ch.write(java.nio.ByteBuffer.wrap(WireCodec.encodeFramed(new Wire(Header.of(0, Name.parse(name)),
                    command))));
            Framing.Frame f = Framing.readFrame(Channels.newInputStream(ch), Framing.DEFAULT_MAX_FRAME_BYTES);
            return WireCodec.decode(((Framing.Frame.Chunk) f).payload()).orElseThrow().payload();
        }
    }

    private static void expect(Payload p, String text) {
        if (!new Success.Message(text).equals(p)) {
            throw new IllegalStateException("expected " + text + ", got " + p);
        }
    }

    private static void report(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf("%s: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", what, s[s.length / 2] / 1e6,
                s[s.length * 9 / 10] / 1e6, s[Math.min(s.length - 1, s.length * 99 / 100)] / 1e6,
                s[s.length - 1] / 1e6);
    }

}
