package dev.albatross.protocol.der;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;

/**
 * UTF8String contents as Java strings, losslessly.
 *
 * <p>Albatross never validates UTF8String contents (spec §3.11): console lines are whatever bytes a unikernel
 * printed. We still want {@code String}s for display and for the many fields that are text in practice, so
 * bytes decode as UTF-8 where they form valid UTF-8, and every other byte {@code b} becomes the lone surrogate
 * {@code U+DC00 + b} (Python's "surrogateescape"). Encoding reverses this exactly, so every byte string
 * survives decode-then-encode unchanged, which byte-for-byte compatibility needs.
 */
public final class RawText {
    private static final int ESCAPE_BASE = 0xDC00;

    /** Orders strings by their encoded bytes, as OCaml's {@code String.compare} orders the wire bytes. */
    public static final Comparator<String> BYTE_ORDER = (a, b) -> {
        if (isAscii(a) && isAscii(b)) {
            return a.compareTo(b);
        }
        byte[] x = encode(a);
        byte[] y = encode(b);
        return java.util.Arrays.compareUnsigned(x, y);
    };

    private RawText() {
    }

    /** Decodes {@code bytes[offset, offset + length)}; never fails. */
    public static String decode(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int i = offset;
        while (i < end && bytes[i] >= 0) {
            i++;
        }
        if (i == end) {
            // Pure ASCII: the Latin-1 constructor makes a compact string without a decoder.
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        StringBuilder out = new StringBuilder(length);
        out.append(new String(bytes, offset, i - offset, StandardCharsets.ISO_8859_1));
        while (i < end) {
            int b0 = bytes[i] & 0xFF;
            if (b0 < 0x80) {
                out.append((char) b0);
                i++;
                continue;
            }
            int n = sequenceLength(bytes, i, end);
            if (n == 0) {
                out.append((char) (ESCAPE_BASE + b0));
                i++;
            } else {
                out.appendCodePoint(codePoint(bytes, i, n));
                i += n;
            }
        }
        return out.toString();
    }

    /** Decodes the whole array. */
    public static String decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /** Encodes {@code text}: valid characters as UTF-8, escaped bytes as themselves. */
    public static byte[] encode(String text) {
        if (isAscii(text)) {
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }
        byte[] out = new byte[text.length() * 3];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                out[n++] = (byte) c;
            } else if (c < 0x800) {
                out[n++] = (byte) (0xC0 | (c >> 6));
                out[n++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                out[n++] = (byte) (0xF0 | (cp >> 18));
                out[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[n++] = (byte) (0x80 | (cp & 0x3F));
            } else if (c >= ESCAPE_BASE + 0x80 && c <= ESCAPE_BASE + 0xFF) {
                out[n++] = (byte) (c - ESCAPE_BASE);
            } else if (Character.isSurrogate(c)) {
                // A lone surrogate that is not one of our escapes has no UTF-8 form; the JDK's encoder
                // writes '?' for it too.
                out[n++] = '?';
            } else {
                out[n++] = (byte) (0xE0 | (c >> 12));
                out[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[n++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** True if every character is ASCII (and so encodes to one byte of the same value). */
    public static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Length of the well-formed UTF-8 sequence at {@code i} (RFC 3629: no overlongs, no surrogates), or 0. */
    private static int sequenceLength(byte[] b, int i, int end) {
        int b0 = b[i] & 0xFF;
        int n;
        int lo = 0x80;
        int hi = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            n = 2;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            n = 3;
            if (b0 == 0xE0) {
                lo = 0xA0;
            } else if (b0 == 0xED) {
                hi = 0x9F;
            }
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            n = 4;
            if (b0 == 0xF0) {
                lo = 0x90;
            } else if (b0 == 0xF4) {
                hi = 0x8F;
            }
        } else {
            return 0;
        }
        if (i + n > end) {
            return 0;
        }
        int b1 = b[i + 1] & 0xFF;
        if (b1 < lo || b1 > hi) {
            return 0;
        }
        for (int k = 2; k < n; k++) {
            int bk = b[i + k] & 0xFF;
            if (bk < 0x80 || bk > 0xBF) {
                return 0;
            }
        }
        return n;
    }

    private static int codePoint(byte[] b, int i, int n) {
        int cp = b[i] & (0xFF >> (n + 1));
        for (int k = 1; k < n; k++) {
            cp = (cp << 6) | (b[i + k] & 0x3F);
        }
        return cp;
    }
}
