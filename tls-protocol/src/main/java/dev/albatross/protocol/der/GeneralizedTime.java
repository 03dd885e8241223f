package dev.albatross.protocol.der;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * GeneralizedTime as {@code asn1-combinators} writes and reads it (spec §3.12).
 *
 * <pre>
 * written: YYYYMMDDHHMMSS[.mmm]Z      fraction only if the sub-second part is non-zero,
 *                                     always 3 digits, truncated (so 0.4 ms gives ".000")
 * read:    YYYYMMDDHH[MM[SS[.f{1,3}]]] followed by Z, +hhmm, -hhmm or nothing (= UTC)
 * </pre>
 *
 * <p>Decoding keeps enough to re-encode identically: a written {@code .000} means "a non-zero remainder below
 * one millisecond", which we decode as one nanosecond past the second.
 */
public final class GeneralizedTime {
    /** The first and last instants with a four-digit year, the only ones the format can carry. */
    public static final Instant MIN = Instant.parse("0000-01-01T00:00:00Z");
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private GeneralizedTime() {
    }

    /** True if {@code t} has a GeneralizedTime form. */
    public static boolean representable(Instant t) {
        return !t.isBefore(MIN) && !t.isAfter(MAX);
    }

    /** The ASCII text Albatross writes for {@code t}. */
    public static String format(Instant t) {
        return new String(encode(t), java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** The same as ASCII bytes, without an intermediate string (encoding info replies writes many of these). */
    static byte[] encode(Instant t) {
        if (!representable(t)) {
            throw new IllegalArgumentException("no GeneralizedTime for " + t + ": the year must have 4 digits");
        }
        return bytes(t.getEpochSecond(), t.getNano());
    }

    /**
     * The ASCII bytes for the instant {@code epochSecond} + {@code nano}, without making an {@link Instant} (a
     * console line's time is kept as these two numbers).
     */
    public static byte[] bytes(long epochSecond, int nano) {
        if (epochSecond < MIN.getEpochSecond() || epochSecond > MAX.getEpochSecond() || nano < 0
                || nano > 999_999_999) {
            throw new IllegalArgumentException("no GeneralizedTime for " + epochSecond + " s + " + nano + " ns");
        }
        LocalDateTime d = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        byte[] out = new byte[nano != 0 ? 19 : 15];
        digits(out, 0, d.getYear(), 4);
        digits(out, 4, d.getMonthValue(), 2);
        digits(out, 6, d.getDayOfMonth(), 2);
        digits(out, 8, d.getHour(), 2);
        digits(out, 10, d.getMinute(), 2);
        digits(out, 12, d.getSecond(), 2);
        if (nano != 0) {
            out[14] = '.';
            digits(out, 15, nano / 1_000_000, 3);
        }
        out[out.length - 1] = 'Z';
        return out;
    }

    private static void digits(byte[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /** Parses the text; returns null if it is not a time this format accepts. */
    static Instant parse(byte[] b, int off, int len) {
        int end = off + len;
        int[] pos = {off};
        int year = digits(b, pos, end, 4);
        int month = digits(b, pos, end, 2);
        int day = digits(b, pos, end, 2);
        int hour = digits(b, pos, end, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0) {
            return null;
        }
        int minute = 0;
        int second = 0;
        int nanos = 0;
        if (isDigit(b, pos[0], end)) {
            minute = digits(b, pos, end, 2);
            if (minute < 0) {
                return null;
            }
            if (isDigit(b, pos[0], end)) {
                second = digits(b, pos, end, 2);
                if (second < 0) {
                    return null;
                }
                if (pos[0] < end && b[pos[0]] == '.') {
                    pos[0]++;
                    int count = 0;
                    int fraction = 0;
                    while (isDigit(b, pos[0], end) && count < 3) {
                        fraction = fraction * 10 + (b[pos[0]++] - '0');
                        count++;
                    }
                    if (count == 0) {
                        return null;
                    }
                    for (int i = count; i < 3; i++) {
                        fraction *= 10;
                    }
                    // ".000" was written for a non-zero remainder below 1 ms: keep it non-zero.
                    nanos = fraction == 0 ? 1 : fraction * 1_000_000;
                }
            }
        }
        int offsetSeconds = 0;
        if (pos[0] < end) {
            byte z = b[pos[0]];
            if (z == 'Z' && pos[0] + 1 == end) {
                pos[0]++;
            } else if ((z == '+' || z == '-') && pos[0] + 5 == end) {
                pos[0]++;
                int oh = digits(b, pos, end, 2);
                int om = digits(b, pos, end, 2);
                if (oh < 0 || om < 0 || oh > 23 || om > 59) {
                    return null;
                }
                offsetSeconds = (z == '+' ? 1 : -1) * (oh * 3600 + om * 60);
            } else {
                return null;
            }
        }
        try {
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
            return local.toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
        } catch (DateTimeException e) {
            return null; // e.g. month 13 or 30 February: not a time
        }
    }

    private static boolean isDigit(byte[] b, int i, int end) {
        return i < end && b[i] >= '0' && b[i] <= '9';
    }

    private static int digits(byte[] b, int[] pos, int end, int count) {
        int value = 0;
        for (int k = 0; k < count; k++) {
            if (!isDigit(b, pos[0], end)) {
                return -1;
            }
            value = value * 10 + (b[pos[0]++] - '0');
        }
        return value;
    }
}
