package dev.albatross.protocol.name;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One component of a path or the last part of a name (spec §4): 1 to 63 bytes of {@code [a-zA-Z0-9.-]},
 * not starting with {@code -}, stored in lowercase. Dots are allowed anywhere: before 1.5.0 names were
 * dot-separated, and old names such as {@code foo.hello} now read as one label.
 */
public record Label(String value) implements Comparable<Label> {
    public static final int MAX_LENGTH = 63;

    public Label {
        Objects.requireNonNull(value, "value");
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        value = value.toLowerCase(Locale.ROOT);
    }

    /** The label for {@code text}, lowercased; fails with a message saying what is wrong. */
    public static Label of(String text) {
        return new Label(text);
    }

    /** The label for {@code text}, or empty if it is not a valid label. */
    public static Optional<Label> parse(String text) {
        return problem(text) == null ? Optional.of(new Label(text)) : Optional.empty();
    }

    /** Why {@code text} is not a label, or null if it is one. */
    static String problem(String text) {
        if (text.isEmpty()) {
            return "empty label";
        }
        if (text.length() > MAX_LENGTH) {
            return "label longer than " + MAX_LENGTH + " bytes: " + text.length();
        }
        if (text.charAt(0) == '-') {
            return "label starts with '-': " + text;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.';
            if (!ok) {
                return "label contains an invalid character at " + i + ": " + printable(text);
            }
        }
        return null;
    }

    private static String printable(String text) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < text.length() && i < 80; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                s.append(c);
            } else {
                s.append(String.format("\\u%04x", (int) c));
            }
        }
        return s.toString();
    }

    /** Labels are ASCII, so byte order (the trie's child order, spec §4) is plain string order. */
    @Override
    public int compareTo(Label other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
