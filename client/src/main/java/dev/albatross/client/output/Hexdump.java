package dev.albatross.client.output;

/**
 * {@code Ohex.pp_hexdump ()}, which {@code --socket -} prints: rows of 16 bytes with a 6-digit offset, bytes in
 * pairs, an extra space after 8 bytes, then the printable characters.
 * <pre>
 * 000000  3020 3013 0201 0504  0800 0000 0000 0000  0 0.............
 * </pre>
 */
public final class Hexdump {
    private Hexdump() {
    }

    public static String of(byte[] s) {
        StringBuilder out = new StringBuilder();
        for (int idx = 0; idx < s.length; idx++) {
            if (idx % 16 == 0) {
                out.append(String.format("%06x  ", idx));
            }
            out.append(String.format("%02x", s[idx] & 0xFF));
            if (idx % 2 == 1) {
                out.append(' ');
            }
            if (idx % 8 == 7) {
                out.append(' ');
            }
            if (idx % 16 == 15) {
                chars(out, s, idx - 15, 16);
                out.append('\n');
            }
        }
        int rest = s.length % 16;
        if (rest != 0) {
            int pad = 16 - rest;
            int padChars = pad * 2 + (pad + 1) / 2 + (pad > 8 ? 1 : 0) + 1;
            out.append(" ".repeat(padChars));
            chars(out, s, s.length - rest, rest);
            out.append('\n');
        }
        return out.toString();
    }

    private static void chars(StringBuilder out, byte[] s, int from, int count) {
        for (int i = from; i < from + count; i++) {
            int c = s[i] & 0xFF;
            out.append(c < 0x20 || c >= 0x7f ? '.' : (char) c);
        }
    }
}
