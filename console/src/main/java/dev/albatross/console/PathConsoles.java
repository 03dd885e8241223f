package dev.albatross.console;

import dev.albatross.protocol.name.Label;
import dev.albatross.protocol.name.Path;
import java.util.TreeMap;

/** The consoles of one path: the {@code n} of its last {@code Console_add}, and label → console, in label order. */
final class PathConsoles {
    final Path path;
    long maxConsoles;
    final TreeMap<Label, ConsoleEntry> entries = new TreeMap<>();
    long retainedBytes;

    PathConsoles(Path path, long maxConsoles) {
        this.path = path;
        this.maxConsoles = maxConsoles;
    }
}
