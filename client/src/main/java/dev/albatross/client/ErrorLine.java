package dev.albatross.client;

/**
 * The one line {@code albatross-client} writes to standard error when it gives up: the program name, then the
 * message with control characters escaped, so that an error never spans several lines whatever text the
 * input smuggled into it.
 */
public final class ErrorLine {
    public static final String PROGRAM = "albatross-client";

    private ErrorLine() {
    }

    /** {@code albatross-client: <message>}, on one line. */
    public static String of(String message) {
        return PROGRAM + ": " + printable(message);
    }

    /** {@code message} with control characters, and the bytes {@code RawText} carries as escapes, as \xNN. */
    static String printable(String message) {
        StringBuilder s = new StringBuilder(message.length());
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                s.append(String.format("\\x%02x", (int) c));
            } else if (c >= 0xDC80 && c <= 0xDCFF) {
                // RawText's escape for a byte that was not valid UTF-8: show the byte.
                s.append(String.format("\\x%02x", c - 0xDC00));
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }
}
