package dev.albatross.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.protocol.name.Name;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The 4-byte signed big-endian length framing of every socket (spec §2). */
class FramingTest {

    private static Framing.Frame read(String hex, int max) throws IOException {
        return Framing.readFrame(new ByteArrayInputStream(HexFormat.of().parseHex(hex)), max);
    }

    @Test
    void prefixesTheLengthBigEndian() {
        assertEquals("00000022", HexFormat.of().formatHex(Framing.lengthPrefix(0x22)));
        assertEquals("01020304", HexFormat.of().formatHex(Framing.lengthPrefix(0x01020304)));
        assertEquals("ffffffff", HexFormat.of().formatHex(Framing.lengthPrefix(-1)));
        assertEquals(0x01020304, Framing.length(HexFormat.of().parseHex("ff01020304"), 1));
        assertEquals(-2, Framing.length(HexFormat.of().parseHex("fffffffe"), 0));
        assertEquals("00000003616263", HexFormat.of().formatHex(Framing.frame(new byte[] {'a', 'b', 'c'})));
    }

    @Test
    void readsAFrame() throws IOException {
        Framing.Frame frame = read("00000003616263" + "00", 100);
        assertEquals("616263", ((Framing.Frame.Chunk) frame).payload().toHex());
    }

    @ParameterizedTest
    @ValueSource(strings = {"00000000", "ffffffff", "80000000", "fffffff0616263"})
    void readsALengthOfZeroOrLessAsTheEndOfTheStream(String hex) throws IOException {
        assertInstanceOf(Framing.Frame.End.class, read(hex, 100));
    }

    @Test
    void readsAStreamThatEndsBetweenFramesAsTheEnd() throws IOException {
        assertInstanceOf(Framing.Frame.End.class, read("", 100));
    }

    @Test
    void refusesAFrameAboveTheLimitBeforeReadingIt() {
        CountingStream in = new CountingStream(HexFormat.of().parseHex("7fffffff" + "00".repeat(64)));
        Framing.FrameTooLargeException e = assertThrows(Framing.FrameTooLargeException.class,
                () -> Framing.readFrame(in, Framing.DEFAULT_MAX_FRAME_BYTES));
        assertTrue(e.getMessage().contains("2147483647"), e.getMessage());
        assertEquals(4, in.consumed, "only the length was read");
        assertThrows(Framing.FrameTooLargeException.class, () -> read("00000065" + "00".repeat(101), 100));
        assertInstanceOf(Framing.Frame.Chunk.class, assertDoesNotThrow(() -> read("00000064" + "00".repeat(100), 100)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"00", "0000", "000000", "00000003", "000000036162"})
    void refusesAStreamThatEndsInsideAFrame(String hex) {
        assertThrows(EOFException.class, () -> read(hex, 100));
    }

    @Test
    void writesFramesWireMessagesAndTheEndMarker() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Framing.writeFrame(out, new byte[] {9, 1, 2, 3, 9}, 1, 3);
        Wire wire = new Wire(Header.of(0, Name.ROOT), new Success.Empty());
        Framing.writeWire(out, wire);
        Framing.writeEnd(out);
        // Success Empty for ":" from spec §12.2.
        String empty = "30183010020105040800000000000000000c013aa1" + "04a0020500";
        assertEquals("00000003010203" + "0000001a" + empty + "00000000", HexFormat.of().formatHex(out.toByteArray()));

        InputStream in = new ByteArrayInputStream(out.toByteArray());
        assertEquals("010203", ((Framing.Frame.Chunk) Framing.readFrame(in, 100)).payload().toHex());
        Framing.Frame.Chunk chunk = (Framing.Frame.Chunk) Framing.readFrame(in, 100);
        assertEquals(wire, WireCodec.decode(chunk.payload()).orElseThrow());
        assertInstanceOf(Framing.Frame.End.class, Framing.readFrame(in, 100));
        assertInstanceOf(Framing.Frame.End.class, Framing.readFrame(in, 100));
        assertArrayEquals(Framing.frame(WireCodec.encode(wire)), WireCodec.encodeFramed(wire));
    }

    /** A stream that counts what was taken from it (only the two primitive reads, so nothing bypasses it). */
    private static final class CountingStream extends InputStream {
        private final ByteArrayInputStream data;
        int consumed;

        CountingStream(byte[] bytes) {
            data = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = data.read(b, off, len);
            consumed += Math.max(n, 0);
            return n;
        }

        @Override
        public int read() {
            int b = data.read();
            consumed += b < 0 ? 0 : 1;
            return b;
        }
    }
}
