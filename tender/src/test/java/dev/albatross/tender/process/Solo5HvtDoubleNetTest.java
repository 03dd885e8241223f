package dev.albatross.tender.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The double attaching real tap devices (root and /dev/net/tun needed; the taps are made with ip(8) here). */
class Solo5HvtDoubleNetTest {
    private static final Path IMAGES = Path.of(System.getProperty("albatross.shared", "../../shared"),
            "vectors/images");
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    private final String tap = "hvtdbl" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff));
    private boolean tapCreated;
    private TenderSupervisor supervisor;

    @BeforeEach
    void createTap() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root: creates tap devices");
        assumeTrue(Files.exists(Path.of("/dev/net/tun")), "needs /dev/net/tun: creates tap devices");
        ip("tuntap", "add", tap, "mode", "tap");
        tapCreated = true;
        ip("link", "set", tap, "up");
        supervisor = TenderSupervisor.start();
    }

    @AfterEach
    void deleteTap() throws Exception {
        if (supervisor != null) {
            supervisor.close();
        }
        if (tapCreated) {
            ip("tuntap", "del", "dev", tap, "mode", "tap");
            assertFalse(Files.exists(Path.of("/sys/class/net", tap)), "tap " + tap + " left behind");
        }
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        Path ip = Stream.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip").map(Path::of)
                .filter(Files::isExecutable).findFirst().orElseThrow(() -> new AssertionError("no ip command"));
        DoubleRun run = DoubleRun.run(ip, List.of(args));
        assertEquals(0, run.exitCode(), "ip " + String.join(" ", args) + ": " + run.stderr());
    }

    @Test
    void attachesAnUpTapExclusivelyAndHoldsIt() throws Exception {
        Path tender = Solo5HvtDouble.path();
        Path net = IMAGES.resolve("net.hvt");
        Files.createDirectory(tmp.resolve("fifo"));
        try (FifoReader console = new FifoReader(ConsoleFifo.create(tmp, ":net").path())) {
            TenderProcess first = supervisor.spawn(new LaunchSpec(":net", tender, 16,
                    List.of(new LaunchSpec.Net("service0", tap, "02:00:00:00:00:42")), List.of(), net,
                    List.of("--name=net"), List.of(), tmp.resolve("fifo/:net")));
            try {
                console.await("guest: hello"::equals, TIMEOUT);
                Path fds = Path.of("/proc", Integer.toString(first.pid()), "fd");
                try (Stream<Path> list = Files.list(fds)) {
                    assertEquals(List.of("0", "1", "2", "3"),
                            list.map(fd -> fd.getFileName().toString()).sorted().toList());
                }
                assertEquals(Path.of("/dev/net/tun"), Files.readSymbolicLink(fds.resolve("3")));

                DoubleRun second = DoubleRun.run(tender, List.of("--net:service0=" + tap, net.toString()));
                assertEquals(1, second.exitCode());
                assertTrue(second.stderr().startsWith("solo5-hvt: Could not attach interface: " + tap
                        + ": Device or resource busy\nsolo5-hvt: Invalid option: `--net:service0=" + tap + "'\n"),
                        second.stderr());
            } finally {
                first.terminate();
            }
            assertEquals(new ExitStatus.Exited(1), exitOf(first));
            console.await("solo5-hvt: Exiting on signal 15"::equals, TIMEOUT);
        }
    }

    @Test
    void refusesATapThatIsDownOrMissing() throws Exception {
        Path tender = Solo5HvtDouble.path();
        String net = IMAGES.resolve("net.hvt").toString();
        ip("link", "set", tap, "down");
        assertTrue(DoubleRun.run(tender, List.of("--net:service0=" + tap, net)).stderr()
                .startsWith("solo5-hvt: Could not attach interface: " + tap + ": Network is down\n"));
        assertTrue(DoubleRun.run(tender, List.of("--net:service0=nosuchtap0", net)).stderr()
                .startsWith("solo5-hvt: Could not attach interface: nosuchtap0: No such file or directory\n"));
    }

    private static ExitStatus exitOf(TenderProcess process)
            throws InterruptedException, ExecutionException, TimeoutException {
        return process.exit().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
}
