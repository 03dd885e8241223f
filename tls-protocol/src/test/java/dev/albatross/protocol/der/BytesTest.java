package dev.albatross.protocol.der;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The immutable byte values records hold instead of arrays. */
class BytesTest {

    @Test
    void comparesContentNotStorage() {
        byte[] big = HexFormat.of().parseHex("ff010203ff");
        Bytes slice = Bytes.wrap(big, 1, 3);
        Bytes copy = Bytes.fromHex("010203");
        assertEquals(copy, slice);
        assertEquals(copy.hashCode(), slice.hashCode());
        assertEquals(copy, Bytes.copyOf(big).slice(1, 3));
        assertNotEquals(copy, Bytes.fromHex("0102"));
        assertSame(Bytes.EMPTY, Bytes.copyOf(new byte[0]));
        assertSame(Bytes.EMPTY, Bytes.wrap(big, 2, 0));
    }

    @Test
    void copiesWhatCallersHandIn() {
        byte[] data = {1, 2, 3};
        Bytes b = Bytes.copyOf(data);
        data[0] = 9;
        assertEquals(1, b.byteAt(0));
        byte[] out = b.toByteArray();
        out[1] = 9;
        assertEquals(2, b.byteAt(1));
        assertArrayEquals(new byte[] {2, 3}, Bytes.copyOf(new byte[] {1, 2, 3, 4}, 1, 2).toByteArray());
    }

    @Test
    void ordersUnsignedWithAShorterPrefixFirst() {
        assertTrue(Bytes.fromHex("01").compareTo(Bytes.fromHex("ff")) < 0);
        assertTrue(Bytes.fromHex("0102").compareTo(Bytes.fromHex("010200")) < 0);
        assertEquals(0, Bytes.fromHex("0102").compareTo(Bytes.wrap(new byte[] {0, 1, 2}, 1, 2)));
    }

    @Test
    void checksBoundsAndNeverPrintsContent() {
        Bytes b = Bytes.fromHex("00112233");
        assertThrows(IndexOutOfBoundsException.class, () -> b.byteAt(4));
        assertThrows(IndexOutOfBoundsException.class, () -> b.slice(3, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> Bytes.wrap(new byte[2], 1, 2));
        assertEquals("<4 bytes>", b.toString());
        assertEquals("00112233", b.toHex());
        assertEquals("1122", b.slice(1, 2).toHex());
        assertEquals(2, b.slice(1, 2).asReadOnlyBuffer().remaining());
    }

    @Test
    void digestsTheContent() throws Exception {
        byte[] data = "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data),
                Bytes.wrap(new byte[] {'x', 'h', 'e', 'l', 'l', 'o'}, 1, 5).sha256().toByteArray());
    }
}
