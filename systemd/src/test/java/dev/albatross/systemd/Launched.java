package dev.albatross.systemd;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.albatross.tender.process.Solo5HvtDouble;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** The packaged programs in {@code bin/} run as processes, as an operator runs them. */
final class Launched {
    static final Path REPO = Path.of(System.getProperty("albatross.repo", ".."));

    private Launched() {
    }

    /** Skips (loudly) where the daemon cannot run: not built, not root, no tun device. */
    static void assumeDaemonRunnable() {
        assumeTrue(Files.exists(REPO.resolve("daemon/target/albatrossd.jar")),
                "needs daemon/target/albatrossd.jar (mvn package or verify builds it before this test)");
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root: the daemon creates tap devices");
        assumeTrue(Files.exists(Path.of("/dev/net/tun")), "needs /dev/net/tun");
    }

    static Path bin(String program) {
        return REPO.resolve("bin").resolve(program);
    }

    /** A dbdir holding the solo5-hvt test double, where the daemon looks for its tender first. */
    static void prepareDbdir(Path dbdir) throws IOException {
        Files.createDirectories(dbdir);
        Files.copy(Solo5HvtDouble.path(), dbdir.resolve("solo5-hvt"));
    }

    /** Starts {@code command} with its output in {@code log}: a pipe nobody reads would stall it once full. */
    static Process start(Path log, List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Waits up to 60 s for {@code ready}, failing with the program's output if it exits first. */
    static void waitUntil(BooleanSupplier ready, Process p, Path log) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!ready.getAsBoolean()) {
            assertTrue(p.isAlive(), () -> "exited: " + read(log));
            assertTrue(System.nanoTime() < deadline, () -> "not ready after 60 s: " + read(log));
            Thread.sleep(50);
        }
    }

    /** SIGTERM, then up to 60 s for the exit. */
    static void stop(Process p) throws InterruptedException {
        if (p != null) {
            p.destroy();
            p.waitFor(60, TimeUnit.SECONDS);
        }
    }
}
