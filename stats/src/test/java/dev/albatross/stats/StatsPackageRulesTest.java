package dev.albatross.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.albatross.protocol.rules.SourceRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The module's boundaries, checked by machine (STYLE "Rules are mechanical"): only {@code stats.netlink} uses JNA,
 * nothing uses Netty, nothing spawns processes, and only the service and the pusher read the wall clock.
 */
class StatsPackageRulesTest {
    private static final Path MAIN = Path.of("src", "main", "java", "dev", "albatross", "stats");

    @Test
    void onlyNetlinkUsesJna() throws IOException {
        assumeTrue(Files.isDirectory(MAIN), "run from the module directory (Maven does)");
        List<Path> files = new ArrayList<>(SourceRules.javaFiles(MAIN, false));
        files.addAll(SourceRules.javaFiles(MAIN.resolve("procfs"), true));
        files.addAll(SourceRules.javaFiles(MAIN.resolve("metrics"), true));
        assertEquals(List.of(), SourceRules.violations(files, List.of("import com.sun.jna")));
    }

    @Test
    void nothingUsesNettyOrSpawnsProcesses() throws IOException {
        assumeTrue(Files.isDirectory(MAIN), "run from the module directory (Maven does)");
        assertEquals(List.of(), SourceRules.violations(SourceRules.javaFiles(MAIN, true), List.of("import io.netty", "ProcessBuilder",
                "Runtime.getRuntime().exec", "Instant.now(", "System.currentTimeMillis", "Thread.sleep")));
    }

    @Test
    void testsWaitWithoutSleeping() throws IOException {
        Path tests = Path.of("src", "test", "java");
        assumeTrue(Files.isDirectory(tests), "run from the module directory (Maven does)");
        List<Path> files = SourceRules.javaFiles(tests, true).stream()
                .filter(f -> !f.getFileName().toString().equals("StatsPackageRulesTest.java")).toList();
        assertEquals(List.of(), SourceRules.violations(files, List.of("Thread.sleep", "TimeUnit.SECONDS.sleep")));
    }
}
