package dev.albatross.bench;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.wire.Payload;
import dev.albatross.protocol.wire.Success;
import dev.albatross.protocol.wire.UnikernelCmd;
import dev.albatross.protocol.wire.UnikernelConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

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
    private final DaemonProcess daemon;
    private final Bytes image;
    private final int metricsPort = 19000 + (int) (ProcessHandle.current().pid() % 1000);
    /**
     * With {@code -Dbench.metrics=false} the daemon runs without its Prometheus endpoint (as it does by default):
     * no daemon-side latency then, but RSS without the per-unikernel meters.
     */
    private static final boolean METRICS = Boolean.parseBoolean(System.getProperty("bench.metrics", "true"));

    private DaemonBench(Path repo, Path tender, Path work) throws IOException {
        this.daemon = new DaemonProcess(repo, tender, work,
                daemonArgs());
        this.image = DaemonProcess.helloImage(repo);
    }

    public static void main(String[] args) throws Exception {
        DaemonBench b = new DaemonBench(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
        int running = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        int restore = args.length > 4 ? Integer.parseInt(args[4]) : 100;
        try (DaemonProcess d = b.daemon) {
            b.run(running, restore);
        }
    }

    private void run(int running, int restore) throws Exception {
        daemon.start();
        System.out.printf("daemon RSS idle: %.1f MiB%n", daemon.rssMiB());

        // Create and destroy one at a time (warm-up first: the JIT and the tender lookup cache).
        for (int i = 0; i < 50; i++) {
            daemon.call(":warm" + i, new UnikernelCmd.Create(config()));
            daemon.call(":warm" + i, new UnikernelCmd.Destroy());
        }
        long[] create = new long[200];
        long[] destroy = new long[200];
        for (int i = 0; i < create.length; i++) {
            long t = System.nanoTime();
            expect(daemon.call(":c" + i, new UnikernelCmd.Create(config())), "created unikernel");
            create[i] = System.nanoTime() - t;
        }
        for (int i = 0; i < destroy.length; i++) {
            long t = System.nanoTime();
            expect(daemon.call(":c" + i, new UnikernelCmd.Destroy()), "destroyed unikernel");
            destroy[i] = System.nanoTime() - t;
        }
        report("create round trip (200, sequential)", create);
        report("destroy round trip (200, sequential)", destroy);
        System.out.println("daemon-side create latency (request in to tender spawned): " + daemonCreateLatency());

        // Many running unikernels: info and memory.
        for (int i = 0; i < running; i++) {
            expect(daemon.call(":r" + i, new UnikernelCmd.Create(config())), "created unikernel");
        }
        long[] info = new long[50];
        for (int i = 0; i < info.length; i++) {
            long t = System.nanoTime();
            Payload p = daemon.call(":", new UnikernelCmd.Info());
            info[i] = System.nanoTime() - t;
            if (((Success.UnikernelInfo) p).unikernels().size() != running) {
                throw new IllegalStateException("info lists " + ((Success.UnikernelInfo) p).unikernels().size());
            }
        }
        report("info with " + running + " running", info);
        System.gc();
        System.out.printf("daemon RSS with %d running: %.1f MiB%n", running, daemon.rssMiB());

        // Restore: keep `restore` of them, stop the daemon (they are persisted), start it again.
        for (int i = restore; i < running; i++) {
            daemon.call(":r" + i, new UnikernelCmd.Destroy());
        }
        daemon.stop();
        long t = System.nanoTime();
        daemon.start();
        long untilServing = System.nanoTime() - t;
        System.out.printf("restart with %d persisted: daemon process start to serving with all running: %.0f ms"
                + " (%s)%n", restore, untilServing / 1e6, daemon.restoreLine());
        for (int i = 0; i < restore; i++) {
            daemon.call(":r" + i, new UnikernelCmd.Destroy());
        }
    }

    private UnikernelConfig config() {
        return UnikernelConfig.builder().image(image).memoryMb(16).addName(false)
                .arguments(Optional.of(List.of("--x-hang"))).build();
    }

    /** The metrics endpoint unless disabled, and {@code -Dbench.args="..."} (e.g. {@code --startup-grace 0}). */
    private List<String> daemonArgs() {
        List<String> args = new ArrayList<>();
        if (METRICS) {
            args.addAll(List.of("--metrics-listen", "127.0.0.1:" + metricsPort));
        }
        String extra = System.getProperty("bench.args", "").trim();
        if (!extra.isEmpty()) {
            args.addAll(List.of(extra.split("\\s+")));
        }
        return args;
    }

    private String daemonCreateLatency() throws Exception {
        if (!METRICS) {
            return "not measured (-Dbench.metrics=false)";
        }
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

    private static void expect(Payload p, String text) {
        DaemonProcess.expect(p, text);
    }

    private static void report(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf("%s: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", what, s[s.length / 2] / 1e6,
                s[s.length * 9 / 10] / 1e6, s[Math.min(s.length - 1, s.length * 99 / 100)] / 1e6,
                s[s.length - 1] / 1e6);
    }
}
