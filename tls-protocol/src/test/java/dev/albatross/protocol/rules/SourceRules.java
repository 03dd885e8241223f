package dev.albatross.protocol.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The modules' boundary tests (STYLE "Rules are mechanical"): which source files contain which forbidden text.
 * Shared by the package-rules tests of console, stats and the daemon's core.
 */
public final class SourceRules {
    private SourceRules() {
    }

    /** The {@code .java} files in {@code dir} (and below it if {@code recursive}), sorted. */
    public static List<Path> javaFiles(Path dir, boolean recursive) throws IOException {
        try (Stream<Path> files = recursive ? Files.walk(dir) : Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    /** {@code "File.java: text"} for every forbidden text found in a file. */
    public static List<String> violations(List<Path> files, List<String> forbidden) throws IOException {
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
}
