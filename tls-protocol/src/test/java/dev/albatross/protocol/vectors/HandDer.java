package dev.albatross.protocol.vectors;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Writes DER as hex by hand, independently of the codec under test, so tests can state bytes in the words of
 * the grammar ({@code seq(integer(5), utf8(":foo"))}). Nothing is sorted or checked: SET OF members are written
 * in the order given, which is the point when a test wants a particular wire order.
 */
public final class HandDer {
    public static final String NULL = "0500";
    public static final String TRUE = "0101ff";
    public static final String FALSE = "010100";

    private HandDer() {
    }

    /** {@code tag} (hex) around the concatenated hex {@code parts} (whitespace ignored), minimal length. */
    public static String tlv(String tag, String... parts) {
        String content = String.join("", parts).replaceAll("\\s+", "");
        int n = content.length() / 2;
        String length;
        if (n < 0x80) {
            length = String.format("%02x", n);
        } else if (n < 0x100) {
            length = String.format("81%02x", n);
        } else if (n < 0x10000) {
            length = String.format("82%04x", n);
        } else {
            length = String.format("83%06x", n);
        }
        return tag + length + content;
    }

    public static String seq(String... parts) {
        return tlv("30", parts);
    }

    public static String set(String... parts) {
        return tlv("31", parts);
    }

    /** {@code [n] EXPLICIT}. */
    public static String ctx(int n, String... parts) {
        return tlv(String.format("%02x", 0xA0 + n), parts);
    }

    /** INTEGER, minimal two's complement. */
    public static String integer(long value) {
        return tlv("02", HexFormat.of().formatHex(BigInteger.valueOf(value).toByteArray()));
    }

    public static String utf8(String text) {
        return tlv("0c", HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** OCTET STRING with the given hex content. */
    public static String octets(String hex) {
        return tlv("04", hex);
    }

    public static String bool(boolean value) {
        return value ? TRUE : FALSE;
    }

    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }
}
