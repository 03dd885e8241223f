package dev.albatross.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.albatross.daemon.vmmd.DaemonPaths;
import dev.albatross.daemon.vmmd.Vmmd;
import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.tender.process.Solo5HvtDouble;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real albatrossd for a test: its own tmpdir and dbdir, the solo5-hvt test double as its tender, a bridge
 * and a tap prefix of its own (unique names, removed at the end), started in this JVM. Needs root and
 * /dev/net/tun; a test using it is skipped, loudly, elsewhere.
 */
public final class DaemonFixture implements AutoCloseable {
    public final Path dir;
    public final DaemonPaths paths;
    public final String bridge;
    public final String tapPrefix;
    private final List<String> extraBridges = new ArrayList<>();
    private Albatrossd daemon;
    private Vmmd.Settings settings = Vmmd.Settings.DEFAULT;

    private DaemonFixture(Path dir) {
        this.dir = dir;
        this.paths = new DaemonPaths(dir.resolve("tmp"), dir.resolve("db"));
        String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        this.bridge = "albt" + id;
        this.tapPrefix = "tt" + id + "x";
    }

    /** Skips the calling test unless this machine can run a daemon with taps. */
    public static void assumeCanRun() {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "needs root: albatrossd creates tap devices (run the tests as root, as CI does)");
        assumeTrue(Files.exists(Path.of("/dev/net/tun")), "needs /dev/net/tun for tap devices");
    }

    /** A fixture in {@code dir} with its bridge created; call {@link #start()}. */
    public static DaemonFixture create(Path dir) throws IOException {
        assumeCanRun();
        DaemonFixture f = new DaemonFixture(dir);
        Path tender = Solo5HvtDouble.path();
        Files.createDirectories(f.paths.dbdir());
        Files.copy(tender, f.paths.dbdir().resolve("solo5-hvt"));
        f.addBridge(f.bridge);
        return f;
    }

    /** Creates (and later removes) a bridge named {@code name}. */
    public void addBridge(String name) throws IOException {
        run("ip", "link", "add", name, "type", "bridge");
        run("ip", "link", "set", name, "up");
        extraBridges.add(name);
    }

    private java.util.Optional<String> metricsListen = java.util.Optional.empty();

    /** Serve Prometheus metrics on {@code addressAndPort}. */
    public DaemonFixture metrics(String addressAndPort) {
        this.metricsListen = java.util.Optional.of(addressAndPort);
        return this;
    }

    public DaemonFixture settings(Vmmd.Settings newSettings) {
        this.settings = newSettings;
        return this;
    }

    public DaemonFixture start() throws Exception {
        Albatrossd.Config defaults = Albatrossd.Config.defaults(paths);
        daemon = Albatrossd.start(new Albatrossd.Config(paths, defaults.zvolPath(), tapPrefix, settings,
                defaults.consoleLimits(), defaults.maxFrameBytes(), defaults.systemd(), defaults.clock(),
                defaults.stats().withInterval(java.time.Duration.ofSeconds(1)), metricsListen,
                java.util.Optional.empty()));
        return this;
    }

    /** SIGTERM semantics: every unikernel stopped, state left for the next start. */
    public void stop() {
        if (daemon != null) {
            daemon.shutdown(Duration.ofSeconds(20));
            daemon = null;
        }
    }

    public Albatrossd daemon() {
        return daemon;
    }

    public Wire call(String name, Command command) throws IOException {
        return WireClient.call(paths.vmmdSocket(), Name.parse(name), command);
    }

    /** An image of the recorded corpus ({@code hello.hvt}, {@code net.hvt}, {@code blk.hvt}). */
    public static Bytes corpusImage(String file) throws IOException {
        Path shared = Path.of(System.getProperty("albatross.shared", "../../shared"));
        return Bytes.wrap(Files.readAllBytes(shared.resolve("vectors").resolve("images").resolve(file)));
    }

    /** Interfaces whose name starts with this fixture's tap prefix. */
    public List<String> taps() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/sys/class/net"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(tapPrefix)).sorted().toList();
        }
    }

    /** Tender processes still running from this fixture's dbdir. */
    public List<Long> tenders() {
        String tender = paths.dbdir().resolve("solo5-hvt").toString();
        return ProcessHandle.allProcesses().filter(p -> p.info().command().map(tender::equals).orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    /** Asserts that nothing of any unikernel remains: no tap, image, fifo or tender process. */
    public void assertNothingLeft() throws IOException {
        assertEquals(List.of(), taps(), "taps left behind");
        assertEquals(List.of(), tenders(), "tender processes left behind");
        try (Stream<Path> s = Files.list(paths.tmpdir())) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".img")).toList(),
                    "images left behind");
        }
        try (Stream<Path> s = Files.list(paths.fifoDir())) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).toList(), "fifos left behind");
        }
    }

    @Override
    public void close() throws IOException {
        stop();
        for (Long pid : tenders()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        for (String tap : taps()) {
            run("ip", "link", "del", tap);
        }
        for (String b : extraBridges) {
            run("ip", "link", "del", b);
        }
    }

    static void run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }
}
