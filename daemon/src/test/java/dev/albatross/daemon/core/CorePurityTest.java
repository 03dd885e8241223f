package dev.albatross.daemon.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** STYLE: daemon/core is pure. Fails if a file there imports an effectful API or reads the clock. */
class CorePurityTest {
    private static final List<String> BANNED = List.of("import io.netty", "import java.io", "import java.nio.file",
            "import java.net", "import com.sun.jna", "import org.slf4j", "ProcessBuilder", "Instant.now()",
            "System.currentTimeMillis", "System.nanoTime", "Runtime.getRuntime");

    @Test
    void coreImportsNothingEffectful() throws IOException {
        Path core = Path.of(System.getProperty("albatross.repo", ".."), "daemon", "src", "main", "java", "dev",
                "albatross", "daemon", "core");
        assertTrue(Files.isDirectory(core), "daemon/core sources not found at " + core.toAbsolutePath());
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.list(core)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java")).toList()) {
                String text = Files.readString(f);
                for (String banned : BANNED) {
                    if (text.contains(banned)) {
                        violations.add(f.getFileName() + ": " + banned);
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }
}
