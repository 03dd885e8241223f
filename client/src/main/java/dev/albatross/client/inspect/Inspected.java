package dev.albatross.client.inspect;

import dev.albatross.protocol.der.Decoded;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome for one input: the format it was read as (given with {@code --format}, or guessed; empty when no
 * format could be guessed) and what reading it gave.
 */
record Inspected(Optional<InputFormat> format, boolean guessed, Decoded<Report> report) {
    Inspected {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(report, "report");
    }

    /** The word error lines start with: the format's name, or "input" when none could be guessed. */
    String label() {
        return format.map(InputFormat::text).orElse("input");
    }

    /** The first output line, e.g. {@code format: wire (guessed)}. */
    String formatLine() {
        return "format: " + label() + (guessed ? " (guessed)" : "");
    }
}
