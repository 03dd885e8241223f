package dev.albatross.tender.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads on a full file system: a 2 MiB tmpfs, mounted for each test (needs root), always unmounted. */
final class BlockDiskFullTest {
    private static final String NAME = "foo:data";

    @TempDir
    Path temp;

    private Path mountPoint;
    private BlockStore store;
    private byte[] oldContent;

    @BeforeEach
    void mountASmallTmpfs() throws IOException {
        assumeTrue(Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid")),
                "needs root: mounts a 2 MiB tmpfs to fill it");
        Path candidate = Files.createDirectory(temp.resolve("tmpfs"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", candidate.toString()) == 0,
                "needs mount(8) and the right to mount a tmpfs here");
        mountPoint = candidate;
        store = BlockStore.open(mountPoint);
        store.create(NAME, 8);
        oldContent = BlockUploadTest.randomBytes(300_000, 21);
        try (BlockUpload upload = store.upload(NAME, 8, false)) {
            upload.write(oldContent, 0, oldContent.length);
            upload.commit();
        }
    }

    @AfterEach
    void unmount() throws IOException {
        if (mountPoint != null) {
            assertEquals(0, run("umount", mountPoint.toString()), "unmounting the test tmpfs");
        }
    }

    @Test
    void aPlainUploadThatFillsTheDiskFailsAndKeepsTheOldContent() throws IOException {
        byte[] data = BlockUploadTest.randomBytes(3 << 20, 22);

        try (BlockUpload upload = store.upload(NAME, 8, false)) {
            BlockException e = assertThrows(BlockException.class, () -> BlockUploadTest.feedInOddChunks(upload, data));

            assertEquals("setting block foo:data: No space left on device", e.getMessage());
        }
        assertOldContentAndNothingElse();
    }

    @Test
    void aCompressedUploadThatFillsTheDiskFailsAndKeepsTheOldContent() throws IOException {
        byte[] compressed = BlockUploadTest.deflate(BlockUploadTest.compressibleBytes(6 << 20), 9);

        try (BlockUpload upload = store.upload(NAME, 8, true)) {
            BlockException e = assertThrows(BlockException.class,
                    () -> BlockUploadTest.feedInOddChunks(upload, compressed));

            assertEquals("setting block foo:data: No space left on device", e.getMessage());
        }
        assertOldContentAndNothingElse();
    }

    @Test
    void theFileSystemSizeIsTheTmpfsSize() throws IOException {
        assertEquals(2, store.totalSizeMb());
    }

    private void assertOldContentAndNothingElse() throws IOException {
        byte[] file = Files.readAllBytes(store.path(NAME));
        assertEquals(8 << 20, file.length);
        assertArrayEquals(oldContent, Arrays.copyOf(file, oldContent.length), "old content kept");
        try (Stream<Path> names = Files.list(store.directory())) {
            assertEquals(List.of(NAME), names.map(p -> p.getFileName().toString()).toList(), "no temporary file");
        }
    }

    private static int run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            System.err.println(String.join(" ", command) + ": " + output);
        }
        return process.exitValue();
    }
}
