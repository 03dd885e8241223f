package dev.albatross.protocol.name;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A list of labels naming a place in the tenant tree (spec §4); the empty path is the root. Text form:
 * the labels joined by {@code :} ({@code ""} for the root, as {@code Path.of_string} reads it).
 */
public record Path(List<Label> labels) {
    public static final Path ROOT = new Path(List.of());

    public Path {
        labels = List.copyOf(Objects.requireNonNull(labels, "labels"));
    }

    public static Path of(String... labels) {
        List<Label> list = new ArrayList<>(labels.length);
        for (String label : labels) {
            list.add(Label.of(label));
        }
        return new Path(list);
    }

    /**
     * Parses the CLI form (spec §4, {@code Path.of_string}): split on {@code :}, one leading empty component
     * dropped, every other component a label; {@code ""} is the root and {@code ":"} is invalid.
     */
    public static Path parse(String text) {
        if (text.isEmpty()) {
            return ROOT;
        }
        List<String> parts = split(text);
        if (parts.get(0).isEmpty()) {
            parts = parts.subList(1, parts.size());
        }
        List<Label> labels = new ArrayList<>(parts.size());
        for (String part : parts) {
            labels.add(new Label(part));
        }
        return new Path(labels);
    }

    /** Like {@link #parse} but empty instead of an exception. */
    public static Optional<Path> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // the reason is not needed by callers of this variant
        }
    }

    static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ':') {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        return parts;
    }

    public boolean isRoot() {
        return labels.isEmpty();
    }

    public int depth() {
        return labels.size();
    }

    /** This path with {@code label} appended. */
    public Path append(Label label) {
        List<Label> list = new ArrayList<>(labels.size() + 1);
        list.addAll(labels);
        list.add(label);
        return new Path(list);
    }

    /** The path without its last label; the root's parent is the root. */
    public Path parent() {
        return labels.isEmpty() ? this : new Path(labels.subList(0, labels.size() - 1));
    }

    /** True if {@code this} equals {@code other} or lies above it. */
    public boolean isPrefixOf(Path other) {
        return other.labels.size() >= labels.size() && other.labels.subList(0, labels.size()).equals(labels);
    }

    /** This path without the leading {@code prefix}; fails if it is not a prefix. */
    public Path dropPrefix(Path prefix) {
        if (!prefix.isPrefixOf(this)) {
            throw new IllegalArgumentException(prefix.text() + " is not a prefix of " + text());
        }
        return new Path(labels.subList(prefix.labels.size(), labels.size()));
    }

    /** Every path from the root down to this one, the root first and this path last. */
    public List<Path> selfAndAncestorsFromRoot() {
        List<Path> paths = new ArrayList<>(labels.size() + 1);
        for (int i = 0; i <= labels.size(); i++) {
            paths.add(new Path(labels.subList(0, i)));
        }
        return paths;
    }

    /** Labels joined by {@code :}; the root is {@code ""}. */
    public String text() {
        if (labels.size() == 1) {
            return labels.get(0).value();
        }
        StringBuilder s = new StringBuilder(labels.size() * 8);
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                s.append(':');
            }
            s.append(labels.get(i).value());
        }
        return s.toString();
    }

    /** The name of this path with no label, e.g. {@code foo:bar:}, or {@code :} for the root. */
    public Name asName() {
        return new Name(this, Optional.empty());
    }

    @Override
    public String toString() {
        return text();
    }
}
