package dev.albatross.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.protocol.der.RawText;
import dev.albatross.protocol.gen.ForAll;
import dev.albatross.protocol.gen.Gen;
import dev.albatross.protocol.name.Name;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ConsoleDataWriterTest {
    private record Case(Header header, Instant at, byte[] line) {
        @Override
        public String toString() {
            return header + " " + at + " " + line.length + " bytes " + Arrays.toString(Arrays.copyOf(line,
                    Math.min(16, line.length)));
        }
    }

    /** Line lengths around every place where a DER length changes size, and any bytes (not only UTF-8). */
    private static final Gen<byte[]> LINES = Gen.oneOf(Gen.bytes(0, 600), Gen.bytes(100, 140), Gen.bytes(230, 270),
            Gen.bytes(65_400, 65_600));
    private static final Gen<Instant> TIMES = Gen.oneOf(WireGen.instant(),
            WireGen.instant().flatMap(t -> Gen.ints(0, 999_999_999).map(n -> t.plusNanos(n % 1_000_000))));
    private static final Gen<Header> HEADERS = WireGen.name().flatMap(n -> WireGen.anyLong().map(s ->
            Header.of(s, n)));

    @Test
    void writesExactlyWhatTheGenericEncoderWrites() {
        ForAll.check("console data", 3000, r -> new Case(HEADERS.next(r), TIMES.next(r), LINES.next(r)), c -> {
            byte[] expected = WireCodec.encodeFramed(new Wire(c.header(), new Data.Console(c.at(),
                    RawText.decode(c.line()))));
            ConsoleDataWriter writer = new ConsoleDataWriter(c.header());
            byte[] out = new byte[writer.maxFramedBytes(c.line().length) + 3];
            int n = writer.write(out, 3, c.at().getEpochSecond(), c.at().getNano(), c.line());
            assertArrayEquals(expected, Arrays.copyOfRange(out, 3, 3 + n));
            assertTrue(n <= writer.maxFramedBytes(c.line().length));
            assertArrayEquals(expected, writer.framed(c.at(), c.line()));
        });
    }

    @Test
    void aWrittenMessageDecodesToTheLine() {
        Header h = Header.of(0, Name.parse("tenant:web"));
        byte[] line = {'h', 'i', (byte) 0xFF, ' ', (byte) 0xC3, (byte) 0xA9};
        Instant at = Instant.parse("2026-11-23T21:00:00.123Z");
        byte[] framed = new ConsoleDataWriter(h).framed(at, line);
        Wire decoded = WireCodec.decode(Arrays.copyOfRange(framed, 4, framed.length)).orElseThrow();
        assertEquals(new Wire(h, new Data.Console(at, RawText.decode(line))), decoded);
        assertArrayEquals(line, RawText.encode(((Data.Console) decoded.payload()).line()));
    }
}
