package dev.albatross.daemon.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.protocol.rules.SourceRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        List<Path> files = SourceRules.javaFiles(core, false).stream()
                .filter(p -> !p.endsWith("package-info.java")).toList();
        List<String> violations = SourceRules.violations(files, BANNED);
        assertEquals(List.of(), violations);
    }
}
