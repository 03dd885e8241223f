package dev.albatross.tender.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

final class ZlibDecoderTest {
    @Property(tries = 200)
    void inflatesAnyDataFedInAnyPieces(
            @ForAll @Size(max = 200_000) byte[] data,
            @ForAll @IntRange(min = 0, max = 9) int level,
            @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 1, max = 5000) Integer> cuts) throws IOException {
        byte[] compressed = BlockUploadTest.deflate(data, level);
        ByteArrayOutputStream inflated = new ByteArrayOutputStream();
        ZlibDecoder decoder = new ZlibDecoder();
        try {
            int offset = 0;
            for (int i = 0; offset < compressed.length; i++) {
                int length = Math.min(compressed.length - offset, cuts.get(i % cuts.size()));
                decoder.inflate(ByteBuffer.wrap(compressed, offset, length), chunk -> copy(chunk, inflated));
                offset += length;
            }
            decoder.finish();
        } finally {
            decoder.end();
        }

        assertArrayEquals(data, inflated.toByteArray());
    }

    @Test
    void aZipBombIsStoppedWithinOneBufferOfTheLimit() throws IOException {
        long limit = 1 << 20;
        byte[] bomb = BlockUploadTest.deflate(new byte[64 << 20], 9);
        long[] produced = {0};
        ZlibDecoder decoder = new ZlibDecoder();
        try {
            ZlibDecoder.Output limited = chunk -> {
                produced[0] += chunk.remaining();
                if (produced[0] > limit) {
                    throw new BlockException("stream exceeds size");
                }
            };
            BlockException e =
                    assertThrows(BlockException.class, () -> decoder.inflate(ByteBuffer.wrap(bomb), limited));
            assertEquals("stream exceeds size", e.getMessage());
        } finally {
            decoder.end();
        }

        assertTrue(produced[0] <= limit + ZlibDecoder.BUFFER_BYTES, produced[0] + " bytes inflated");
    }

    @Test
    void aWrongHeaderIsCorrupt() {
        ZlibDecoder decoder = new ZlibDecoder();
        try {
            BlockException e = assertThrows(BlockException.class,
                    () -> decoder.inflate(ByteBuffer.wrap(new byte[] {0x12, 0x34, 0x56}), chunk -> { }));

            assertEquals("corrupt zlib stream: incorrect header check", e.getMessage());
        } finally {
            decoder.end();
        }
    }

    @Test
    void anEmptyStreamIsTruncated() {
        ZlibDecoder decoder = new ZlibDecoder();
        try {
            BlockException e = assertThrows(BlockException.class, decoder::finish);

            assertEquals("corrupt zlib stream: truncated", e.getMessage());
        } finally {
            decoder.end();
        }
    }

    private static void copy(ByteBuffer chunk, ByteArrayOutputStream out) {
        byte[] bytes = new byte[chunk.remaining()];
        chunk.get(bytes);
        out.write(bytes, 0, bytes.length);
    }
}
