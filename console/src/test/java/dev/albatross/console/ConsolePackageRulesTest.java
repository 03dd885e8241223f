package dev.albatross.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.albatross.protocol.rules.SourceRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The module's boundaries, checked by machine (STYLE "Rules are mechanical"): the console core is pure, and only
 * {@code console.fifo} touches native code.
 */
class ConsolePackageRulesTest {
    private static final Path SOURCES = Path.of("src", "main", "java", "dev", "albatross", "console");
    private static final List<String> CORE_FORBIDDEN = List.of("import com.sun.jna", "import io.netty",
            "import java.io.", "import java.nio.file", "import java.net", "import java.nio.channels",
            "Instant.now(", "System.currentTimeMillis", "Thread.sleep", "new Thread(");
    private static final List<String> FIFO_FORBIDDEN = List.of("import io.netty", "Instant.now(",
            "System.currentTimeMillis", "Thread.sleep");

    @Test
    void theCoreDoesNoIoAndReadsNoClockOfItsOwn() throws IOException {
        assumeTrue(Files.isDirectory(SOURCES), "run from the module directory (Maven does)");
        assertEquals(List.of(), SourceRules.violations(SourceRules.javaFiles(SOURCES, false), CORE_FORBIDDEN));
    }

    @Test
    void onlyTheFifoPackageUsesJnaAndNothingUsesNetty() throws IOException {
        assumeTrue(Files.isDirectory(SOURCES), "run from the module directory (Maven does)");
        assertEquals(List.of(), SourceRules.violations(SourceRules.javaFiles(SOURCES.resolve("fifo"), true), FIFO_FORBIDDEN));
    }

    @Test
    void testsWaitWithoutSleeping() throws IOException {
        Path tests = Path.of("src", "test", "java");
        assumeTrue(Files.isDirectory(tests), "run from the module directory (Maven does)");
        List<Path> files = SourceRules.javaFiles(tests, true).stream()
                .filter(f -> !f.getFileName().toString().equals("ConsolePackageRulesTest.java")).toList();
        assertEquals(List.of(), SourceRules.violations(files, List.of("Thread.sleep", "TimeUnit.SECONDS.sleep")));
    }
}
