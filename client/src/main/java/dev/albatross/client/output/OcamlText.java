package dev.albatross.client.output;

import dev.albatross.protocol.der.RawText;
import dev.albatross.protocol.name.Name;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

/** The small printers of the OCaml libraries Albatross prints with: escaping, time stamps, names, lists. */
public final class OcamlText {
    private OcamlText() {
    }

    /**
     * OCaml's {@code String.escaped}, byte-wise: {@code " \ \n \t \r \b} get a backslash, other bytes outside
     * {@code 0x20..0x7e} become {@code \ddd} (decimal). Albatross escapes console lines with it (2.7.0), so a
     * unikernel cannot send escape sequences to the operator's terminal.
     */
    public static String escaped(String text) {
        byte[] bytes = RawText.encode(text);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xFF;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\b' -> out.append("\\b");
                default -> {
                    if (c >= 0x20 && c <= 0x7e) {
                        out.append((char) c);
                    } else {
                        out.append('\\');
                        String digits = Integer.toString(c);
                        out.append("0".repeat(3 - digits.length())).append(digits);
                    }
                }
            }
        }
        return out.toString();
    }

    /** OCaml's {@code %S}: the escaped text in double quotes. */
    public static String quoted(String text) {
        return "\"" + escaped(text) + "\"";
    }

    /**
     * {@code Ptime.pp_rfc3339 ()} / {@code Ptime.to_rfc3339}: seconds precision (truncated), and the unknown
     * offset {@code -00:00}, e.g. {@code 2026-11-22T23:28:04-00:00}.
     */
    public static String rfc3339(Instant t) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        return String.format("%04d-%02d-%02dT%02d:%02d:%02d-00:00", d.getYear(), d.getMonthValue(),
                d.getDayOfMonth(), d.getHour(), d.getMinute(), d.getSecond());
    }

    /** {@code Name.pp}: {@code [unikernel: foo:bar]}, {@code [unikernel: foo:]}, {@code [unikernel: :]}. */
    public static String name(Name name) {
        return "[unikernel: " + name.text() + "]";
    }

    /** {@code Fmt.(list ~sep:(any sep) int)}. */
    public static String ints(List<Integer> values, String sep) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(sep));
    }

    /** {@code %Lu}: a 64-bit value printed unsigned. */
    public static String unsigned(long value) {
        return Long.toUnsignedString(value);
    }

    /** {@code %lu}: a 32-bit value printed unsigned. */
    public static String unsigned(int value) {
        return Integer.toUnsignedString(value);
    }

    /** {@code %B}. */
    public static String bool(boolean value) {
        return value ? "true" : "false";
    }
}
