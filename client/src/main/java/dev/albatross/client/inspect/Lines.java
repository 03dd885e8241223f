package dev.albatross.client.inspect;

import java.util.ArrayList;
import java.util.List;

/**
 * Indented output text, one field per line. Nested values are indented by two spaces; the entries of a list
 * start with {@code "- "}, YAML-like:
 * <pre>
 * bridges: 1
 *   - netif: "service0"
 *     bridge: "albr0"
 * </pre>
 * A view shares its parent's lines, so renderers hand a nested view to the renderer of a part.
 */
final class Lines {
    private static final String STEP = "  ";

    private final List<String> out;
    private final String indent;
    /** The prefix of this view's first line, when it differs from {@link #indent} (a list entry's "- "). */
    private String firstPrefix;

    Lines() {
        this(new ArrayList<>(), "", null);
    }

    private Lines(List<String> out, String indent, String firstPrefix) {
        this.out = out;
        this.indent = indent;
        this.firstPrefix = firstPrefix;
    }

    /** Adds {@code name: value}; returns this view, so that renderers can be switch expressions. */
    Lines field(String name, String value) {
        return line(name + ": " + value);
    }

    /** Adds {@code name: value} for a whole number. */
    Lines field(String name, long value) {
        return line(name + ": " + value);
    }

    Lines line(String text) {
        String prefix = firstPrefix != null ? firstPrefix : indent;
        firstPrefix = null;
        out.add(prefix + text);
        return this;
    }

    /** Adds {@code name: value} and returns the view for the value's fields, one level deeper. */
    Lines titled(String name, String value) {
        field(name, value);
        return nested();
    }

    /** Adds {@code name:} and returns the view for the fields of that group, one level deeper. */
    Lines section(String name) {
        line(name + ":");
        return nested();
    }

    /** A view whose lines are one level deeper: the fields of the value named by the last line. */
    Lines nested() {
        return new Lines(out, indent + STEP, null);
    }

    /** A view for one entry of the list named by the last line: its first line starts with "- ". */
    Lines entry() {
        return new Lines(out, indent + STEP + STEP, indent + STEP + "- ");
    }

    List<String> toList() {
        return List.copyOf(out);
    }
}
