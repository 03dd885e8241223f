package dev.albatross.client.inspect;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.der.RawText;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How field values read: free text quoted and escaped to one line, bulk data as its size and SHA-256 (never
 * the content: an image is megabytes, block data may be secret), sets of numbers comma-separated.
 */
final class FieldText {
    /** The value of an empty list. */
    static final String NONE = "(none)";
    /** The value of an absent OPTIONAL field without a default. */
    static final String ABSENT = "absent";

    private FieldText() {
    }

    /**
     * A UTF8String as a double-quoted, one-line literal over its exact bytes: printable ASCII as is, {@code "}
     * and {@code \} backslash-escaped, {@code \n \r \t}, and every other byte as {@code \xNN}. The bytes are
     * whatever the peer sent (spec §3.11), so nothing else is safe to print.
     */
    static String quoted(String text) {
        return '"' + escaped(text, true) + '"';
    }

    /** Text that is not a UTF8String of the protocol (e.g. a certificate's DN), escaped like {@link #quoted}. */
    static String printable(String text) {
        return escaped(text, false);
    }

    private static String escaped(String text, boolean quote) {
        byte[] bytes = RawText.encode(text);
        StringBuilder s = new StringBuilder(bytes.length + 2);
        for (byte b : bytes) {
            int c = b & 0xFF;
            switch (c) {
                case '"' -> s.append(quote ? "\\\"" : "\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c >= 0x20 && c < 0x7F) {
                        s.append((char) c);
                    } else {
                        s.append(String.format("\\x%02x", c));
                    }
                }
            }
        }
        return s.toString();
    }

    /** Quoted strings, comma-separated; {@link #NONE} for an empty list. */
    static String quoted(List<String> texts) {
        return texts.isEmpty() ? NONE : texts.stream().map(FieldText::quoted).collect(Collectors.joining(", "));
    }

    /** {@code 4736 bytes, sha256 <64 hex digits>}. */
    static String blob(Bytes data) {
        return data.length() + " bytes, sha256 " + data.sha256().toHex();
    }

    static String megabytes(long mb) {
        return mb + " MB";
    }

    /** Numbers, comma-separated; {@link #NONE} for an empty list. */
    static String numbers(List<Integer> values) {
        return values.isEmpty() ? NONE : values.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** ISO-8601 in UTC, e.g. {@code 2025-08-22T13:04:43.123Z}. */
    static String time(Instant t) {
        return t.toString();
    }

    /** An absent OPTIONAL field, with what that means where the spec gives a default. */
    static String absent(String meaning) {
        return "absent (" + meaning + ")";
    }
}
