package dev.albatross.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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

    private static List<Path> javaFiles(Path dir, boolean recursive) throws IOException {
        try (Stream<Path> files = recursive ? Files.walk(dir) : Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static List<String> violations(List<Path> files, List<String> forbidden) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path f : files) {
            String text = Files.readString(f);
            for (String bad : forbidden) {
                if (text.contains(bad)) {
                    found.add(f.getFileName() + ": " + bad);
                }
            }
        }
        return found;
    }

    @Test
    void theCoreDoesNoIoAndReadsNoClockOfItsOwn() throws IOException {
        assumeTrue(Files.isDirectory(SOURCES), "run from the module directory (Maven does)");
        assertEquals(List.of(), violations(javaFiles(SOURCES, false), CORE_FORBIDDEN));
    }

    @Test
    void onlyTheFifoPackageUsesJnaAndNothingUsesNetty() throws IOException {
        assumeTrue(Files.isDirectory(SOURCES), "run from the module directory (Maven does)");
        assertEquals(List.of(), violations(javaFiles(SOURCES.resolve("fifo"), true), FIFO_FORBIDDEN));
    }

    @Test
    void testsWaitWithoutSleeping() throws IOException {
        Path tests = Path.of("src", "test", "java");
        assumeTrue(Files.isDirectory(tests), "run from the module directory (Maven does)");
        List<Path> files = javaFiles(tests, true).stream()
                .filter(f -> !f.getFileName().toString().equals("ConsolePackageRulesTest.java")).toList();
        assertEquals(List.of(), violations(files, List.of("Thread.sleep", "TimeUnit.SECONDS.sleep")));
    }
}
