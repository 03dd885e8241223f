package dev.albatross.protocol.der;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.protocol.gen.ForAll;
import dev.albatross.protocol.gen.Gen;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** UTF8String contents carried losslessly in Java strings (spec §3.11). */
class RawTextTest {

    /** Bytes with many high bytes and UTF-8 lead/continuation patterns, so odd sequences come up often. */
    private static final Gen<byte[]> BYTES = r -> {
        byte[] b = new byte[Gen.sizes(0, 64).next(r)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) switch (r.nextInt(6)) {
                case 0 -> r.nextInt(0x80);
                case 1 -> r.nextInt(0x80, 0xC0); // continuation
                case 2 -> r.nextInt(0xC0, 0xE0); // 2-byte lead (C0, C1 overlong)
                case 3 -> r.nextInt(0xE0, 0xF0); // 3-byte lead (ED: surrogates)
                case 4 -> r.nextInt(0xF0, 0x100); // 4-byte lead, F5..FF never valid
                default -> r.nextInt(256);
            };
        }
        return b;
    };

    /** Strings of valid Unicode scalar values (no lone surrogates), all planes. */
    private static final Gen<String> UNICODE = r -> {
        StringBuilder s = new StringBuilder();
        int n = Gen.sizes(0, 24).next(r);
        for (int i = 0; i < n; i++) {
            int cp = r.nextInt(0x110000 - 0x800);
            s.appendCodePoint(cp < 0xD800 ? cp : cp + 0x800);
        }
        return s.toString();
    };

    @Test
    void everyByteStringSurvivesDecodeThenEncode() {
        ForAll.check("encode(decode(b)) == b", 50_000, BYTES,
                b -> assertArrayEquals(b, RawText.encode(RawText.decode(b)), HexFormat.of().formatHex(b)));
        ForAll.check("encode(decode(b)) == b, uniform bytes", 20_000, Gen.bytes(0, 32),
                b -> assertArrayEquals(b, RawText.encode(RawText.decode(b)), HexFormat.of().formatHex(b)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "c080", "c1bf", "e08080", "e09fbf", "eda080", "edbfbf", "f08f8080", "f4908080", "f5808080", "ff", "fe",
        "80", "bf", "c3", "e282", "f09f98", "c3a9c3", "61ff62", "eda080edb080", "f0", "c328", "e228a1"})
    void malformedUtf8IsEscapedByteByByteAndRestoredExactly(String hex) {
        byte[] b = HexFormat.of().parseHex(hex);
        String s = RawText.decode(b);
        assertArrayEquals(b, RawText.encode(s));
        assertTrue(s.chars().anyMatch(c -> c >= 0xDC80 && c <= 0xDCFF), "something was escaped in " + hex);
    }

    @Test
    void validUtf8DecodesAsTheJdkDecodesIt() {
        ForAll.check("valid UTF-8 decodes as UTF-8", 20_000, UNICODE, s -> {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            assertEquals(s, RawText.decode(utf8));
            assertArrayEquals(utf8, RawText.encode(s));
        });
        assertEquals("h\u00e9\u20ac\uD83D\uDE00", RawText.decode(HexFormat.of().parseHex("68c3a9e282acf09f9880")));
    }

    @Test
    void escapesInvalidBytesAsLoneLowSurrogates() {
        assertEquals("\uDCFF", RawText.decode(new byte[] {(byte) 0xFF}));
        assertEquals("a\uDC80b", RawText.decode(new byte[] {'a', (byte) 0x80, 'b'}));
        assertEquals("\uDCED\uDCA0\uDC80", RawText.decode(HexFormat.of().parseHex("eda080")), "UTF-8 surrogates");
        assertArrayEquals(new byte[] {(byte) 0xFF}, RawText.encode("\uDCFF"));
    }

    @Test
    void writesLoneSurrogatesThatAreNotEscapesAsQuestionMarksLikeTheJdk() {
        for (String s : List.of("\uD800", "\uDBFFx", "\uDC00", "\uDC7F", "x\uDFFF")) {
            assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), RawText.encode(s), s);
        }
    }

    @Test
    void pureAsciiTakesTheShortcutAndMeansTheSame() {
        assertTrue(RawText.isAscii("hello \u0000\u007f"));
        assertTrue(!RawText.isAscii("h\u00e9"));
        byte[] ascii = new byte[128];
        for (int i = 0; i < 128; i++) {
            ascii[i] = (byte) i;
        }
        assertArrayEquals(ascii, RawText.encode(RawText.decode(ascii)));
        assertEquals(new String(ascii, StandardCharsets.US_ASCII), RawText.decode(ascii));
        assertEquals("bc", RawText.decode(new byte[] {'a', 'b', 'c', 'd'}, 1, 2));
    }

    @Test
    void byteOrderComparesTheEncodedBytesUnsigned() {
        // UTF-16 order and UTF-8 byte order differ above the BMP and for escapes:
        // U+FF61 is EF BD A1, U+1F600 is F0 9F 98 80: bytewise U+FF61 is first, in UTF-16 (D83D...) it is last.
        assertTrue(RawText.BYTE_ORDER.compare("\uFF61", "\uD83D\uDE00") < 0);
        assertTrue("\uFF61".compareTo("\uD83D\uDE00") > 0);
        // The escaped byte 80 sorts before C3 A9 (e-acute), though U+DC80 > U+00E9.
        assertTrue(RawText.BYTE_ORDER.compare("\uDC80", "\u00e9") < 0);
        assertTrue(RawText.BYTE_ORDER.compare("a", "b") < 0);
        assertTrue(RawText.BYTE_ORDER.compare("Z", "a") < 0);
        assertTrue(RawText.BYTE_ORDER.compare("ab", "abc") < 0, "a prefix sorts first");
        assertEquals(0, RawText.BYTE_ORDER.compare("\u00e9", "\u00e9"));

        Gen<String> strings = Gen.oneOf(UNICODE, BYTES.map(RawText::decode));
        Gen<List<String>> pairs = strings.list(2, 2);
        ForAll.check("BYTE_ORDER is byte order", 20_000, pairs, p -> {
            int expected = Integer.signum(Arrays.compareUnsigned(RawText.encode(p.get(0)), RawText.encode(p.get(1))));
            assertEquals(expected, Integer.signum(RawText.BYTE_ORDER.compare(p.get(0), p.get(1))));
        });
    }
}
