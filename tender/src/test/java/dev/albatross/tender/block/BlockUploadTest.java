package dev.albatross.tender.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class BlockUploadTest {
    private static final String NAME = "foo:data";

    @TempDir
    Path dbdir;

    private BlockStore store;
    private byte[] oldContent;

    @BeforeEach
    void blockWithOldContent() throws IOException {
        store = BlockStore.open(dbdir);
        store.create(NAME, 2);
        oldContent = randomBytes(2 * (int) BlockStore.MB, 1);
        Files.write(store.path(NAME), oldContent);
    }

    @Test
    void plainUploadReplacesTheContentAndExtendsItToTheBlockSize() throws IOException {
        byte[] data = randomBytes(1_500_000, 2);

        try (BlockUpload upload = store.upload(NAME, 2, false)) {
            feedInOddChunks(upload, data);
            upload.commit();
        }

        byte[] expected = Arrays.copyOf(data, 2 * (int) BlockStore.MB);
        assertArrayEquals(expected, Files.readAllBytes(store.path(NAME)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.path(NAME))));
        assertEquals(List.of(NAME), entries());
    }

    @Test
    void compressedUploadInflatesWhatJavaUtilZipDeflated() throws IOException {
        byte[] data = compressibleBytes(1_800_000);

        try (BlockUpload upload = store.upload(NAME, 2, true)) {
            feedInOddChunks(upload, deflate(data, Deflater.BEST_COMPRESSION));
            upload.commit();
        }

        assertArrayEquals(Arrays.copyOf(data, 2 * (int) BlockStore.MB), Files.readAllBytes(store.path(NAME)));
        assertEquals(List.of(NAME), entries());
    }

    @Test
    void exactlyTheBlockSizeIsAccepted() throws IOException {
        byte[] data = randomBytes(2 * (int) BlockStore.MB, 3);

        try (BlockUpload upload = store.upload(NAME, 2, false)) {
            upload.write(data, 0, data.length);
            upload.commit();
        }

        assertArrayEquals(data, Files.readAllBytes(store.path(NAME)));
    }

    @Test
    void anEmptyUploadLeavesZeros() throws IOException {
        try (BlockUpload upload = store.upload(NAME, 2, false)) {
            upload.commit();
        }

        assertArrayEquals(new byte[2 * (int) BlockStore.MB], Files.readAllBytes(store.path(NAME)));
    }

    @Test
    void aStreamOverTheSizeIsRefusedAndTheOldContentKept() throws IOException {
        byte[] data = randomBytes(2 * (int) BlockStore.MB + 1, 4);

        try (BlockUpload upload = store.upload(NAME, 2, false)) {
            BlockException e = assertThrows(BlockException.class, () -> feedInOddChunks(upload, data));

            assertEquals("stream exceeds size", e.getMessage());
            assertSame(e, assertThrows(BlockException.class, () -> upload.write(new byte[1], 0, 1)), "stays failed");
            assertSame(e, assertThrows(BlockException.class, upload::commit));
        }
        assertOldContentAndNothingElse();
    }

    @Test
    void aCompressedStreamOverTheSizeIsRefusedAndTheOldContentKept() throws IOException {
        byte[] bomb = deflate(new byte[64 * (int) BlockStore.MB], Deflater.BEST_COMPRESSION);

        try (BlockUpload upload = store.upload(NAME, 2, true)) {
            BlockException e = assertThrows(BlockException.class, () -> upload.write(ByteBuffer.wrap(bomb)));

            assertEquals("stream exceeds size", e.getMessage());
        }
        assertOldContentAndNothingElse();
    }

    @Test
    void corruptZlibIsRefusedAndTheOldContentKept() throws IOException {
        byte[] garbage = randomBytes(10_000, 5);

        try (BlockUpload upload = store.upload(NAME, 2, true)) {
            BlockException e = assertThrows(BlockException.class, () -> upload.write(ByteBuffer.wrap(garbage)));

            assertTrue(e.getMessage().startsWith("corrupt zlib stream: "), e.getMessage());
        }
        assertOldContentAndNothingElse();
    }

    @Test
    void aTruncatedZlibStreamIsRefusedOnCommit() throws IOException {
        byte[] compressed = deflate(randomBytes(100_000, 6), 6);

        try (BlockUpload upload = store.upload(NAME, 2, true)) {
            upload.write(compressed, 0, compressed.length - 10);
            BlockException e = assertThrows(BlockException.class, upload::commit);

            assertEquals("corrupt zlib stream: truncated", e.getMessage());
        }
        assertOldContentAndNothingElse();
    }

    @Test
    void dataAfterTheZlibStreamIsRefused() throws IOException {
        byte[] compressed = deflate(randomBytes(1000, 7), 6);

        try (BlockUpload upload = store.upload(NAME, 2, true)) {
            upload.write(compressed, 0, compressed.length);
            BlockException e = assertThrows(BlockException.class, () -> upload.write(new byte[] {1, 2}, 0, 2));

            assertEquals("corrupt zlib stream: data after the end of the stream", e.getMessage());
        }
        assertOldContentAndNothingElse();
    }

    @Test
    void abortLeavesTheOldContentAndNoTemporaryFile() throws IOException {
        BlockUpload upload = store.upload(NAME, 2, false);
        upload.write(new byte[1000], 0, 1000);
        assertEquals(2, entries().size(), "the temporary file exists during the upload");

        upload.abort();

        assertOldContentAndNothingElse();
        assertThrows(IllegalStateException.class, () -> upload.write(new byte[1], 0, 1));
    }

    @Test
    void closingWithoutCommitAborts() throws IOException {
        try (BlockUpload upload = store.upload(NAME, 2, true)) {
            upload.write(deflate(new byte[1000], 1), 0, 10);
        }

        assertOldContentAndNothingElse();
    }

    @Test
    void anUploadToAMissingBlockIsRefused() throws IOException {
        BlockException e = assertThrows(BlockException.class, () -> store.upload("foo:other", 1, false));

        assertEquals("setting block foo:other: no such block file", e.getMessage());
        assertEquals(List.of(NAME), entries());
    }

    @Test
    void aBlockRemovedDuringTheUploadIsNotBroughtBack() throws IOException {
        try (BlockUpload upload = store.upload(NAME, 2, false)) {
            upload.write(new byte[10], 0, 10);
            store.remove(NAME);

            BlockException e = assertThrows(BlockException.class, upload::commit);

            assertEquals("setting block foo:data: the block was removed during the upload", e.getMessage());
        }
        assertEquals(List.of(), entries());
    }

    @Test
    void nothingCanBeWrittenAfterCommit() throws IOException {
        BlockUpload upload = store.upload(NAME, 2, false);
        upload.commit();

        assertThrows(IllegalStateException.class, () -> upload.write(new byte[1], 0, 1));
        upload.abort();
        assertEquals(2 * BlockStore.MB, Files.size(store.path(NAME)), "abort after commit changes nothing");
    }

    private void assertOldContentAndNothingElse() throws IOException {
        assertArrayEquals(oldContent, Files.readAllBytes(store.path(NAME)), "old content kept");
        assertEquals(List.of(NAME), entries(), "no temporary file left");
    }

    private List<String> entries() throws IOException {
        try (Stream<Path> names = Files.list(store.directory())) {
            return names.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Feeds {@code data} in chunks of varying sizes, some of them empty, as a network would. */
    static void feedInOddChunks(BlockUpload upload, byte[] data) throws BlockException {
        Random random = new Random(42);
        int offset = 0;
        while (offset < data.length) {
            int length = Math.min(data.length - offset, random.nextInt(70_000));
            upload.write(ByteBuffer.wrap(data, offset, length));
            offset += length;
        }
    }

    static byte[] deflate(byte[] data, int level) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(level);
        try (DeflaterOutputStream zlib = new DeflaterOutputStream(out, deflater)) {
            zlib.write(data);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Text-like data: compresses well but not trivially. */
    static byte[] compressibleBytes(int length) {
        byte[] bytes = new byte[length];
        Random random = new Random(9);
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) ('a' + random.nextInt(8));
        }
        return bytes;
    }
}
