package dev.albatross.tender.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class BlockDumpTest {
    private static final String NAME = ":disk";

    @TempDir
    Path dbdir;

    private BlockStore store;
    private byte[] content;

    @BeforeEach
    void blockWithContent() throws IOException {
        store = BlockStore.open(dbdir);
        store.create(NAME, 2);
        content = new byte[2 * (int) BlockStore.MB];
        byte[] head = BlockUploadTest.randomBytes(300_000, 11);
        byte[] text = BlockUploadTest.compressibleBytes(500_000);
        System.arraycopy(head, 0, content, 0, head.length);
        System.arraycopy(text, 0, content, 1_000_000, text.length);
        Files.write(store.path(NAME), content);
    }

    @Test
    void levelZeroSendsThePlainFileIn4096BytePieces() throws IOException {
        List<byte[]> chunks = readAll(store.dump(NAME, 0));

        assertEquals(content.length / BlockDump.PIECE_BYTES, chunks.size());
        chunks.forEach(chunk -> assertEquals(BlockDump.PIECE_BYTES, chunk.length));
        assertArrayEquals(content, concat(chunks));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 6, 9})
    void compressedLevelsRoundTrip(int level) throws IOException, DataFormatException {
        List<byte[]> chunks = readAll(store.dump(NAME, level));

        chunks.forEach(chunk -> assertTrue(chunk.length <= BlockDump.COMPRESSED_CHUNK_BYTES && chunk.length > 0));
        byte[] compressed = concat(chunks);
        assertTrue(compressed.length < content.length, "compressed " + compressed.length);
        assertArrayEquals(content, inflate(compressed));
    }

    @Test
    void theEndStaysTheEnd() throws IOException {
        try (BlockDump dump = store.dump(NAME, 9)) {
            while (dump.next().isPresent()) {
                // drain
            }

            assertEquals(Optional.empty(), dump.next());
        }
    }

    @Test
    void aDumpOfAnUploadGivesTheUpload() throws IOException, DataFormatException {
        byte[] data = BlockUploadTest.compressibleBytes(2 * (int) BlockStore.MB);
        try (BlockUpload upload = store.upload(NAME, 2, true)) {
            BlockUploadTest.feedInOddChunks(upload, BlockUploadTest.deflate(data, 9));
            upload.commit();
        }

        assertArrayEquals(data, inflate(concat(readAll(store.dump(NAME, 9)))));
        assertArrayEquals(data, concat(readAll(store.dump(NAME, 0))));
    }

    @Test
    void refusesLevelsOutsideZeroToNine() {
        for (int level : new int[] {-1, 10}) {
            BlockException e = assertThrows(BlockException.class, () -> store.dump(NAME, level));

            assertEquals("dumping block :disk: compression level " + level + " is not 0 to 9", e.getMessage());
        }
    }

    @Test
    void aMissingBlockIsAClearError() {
        BlockException e = assertThrows(BlockException.class, () -> store.dump("foo:missing", 0));

        assertEquals("dumping block foo:missing: no such block file", e.getMessage());
    }

    @Test
    void a64MibBlockStreamsInAJvmWithA24MibHeap() throws IOException, InterruptedException {
        store.create("big", 64);
        try (RandomAccessFile file = new RandomAccessFile(store.path("big").toFile(), "rw")) {
            file.write(BlockUploadTest.randomBytes(4 << 20, 12));
            file.seek(40L << 20);
            file.write(BlockUploadTest.compressibleBytes(4 << 20));
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-Xmx24m", "-cp", System.getProperty("java.class.path"),
                BoundedDumpMain.class.getName(), dbdir.toString(), "big").redirectErrorStream(true).start();

        assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the dumping JVM finished");
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, child.exitValue(), output);
        long crc = BoundedDumpMain.crcOfFile(store.path("big"));
        assertEquals("level 0: " + (64 << 20) + " bytes crc " + crc + "\nlevel 9: " + (64 << 20) + " bytes crc " + crc,
                output);
    }

    static List<byte[]> readAll(BlockDump dump) throws BlockException {
        List<byte[]> chunks = new ArrayList<>();
        try (dump) {
            for (Optional<byte[]> chunk = dump.next(); chunk.isPresent(); chunk = dump.next()) {
                chunks.add(chunk.get());
            }
        }
        return chunks;
    }

    private static byte[] concat(List<byte[]> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.forEach(chunk -> out.write(chunk, 0, chunk.length));
        return out.toByteArray();
    }

    private static byte[] inflate(byte[] compressed) throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[65536];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && inflater.needsInput()) {
                    throw new DataFormatException("truncated");
                }
                out.write(buffer, 0, n);
            }
            assertEquals(0, inflater.getRemaining(), "nothing after the zlib stream");
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }
}
