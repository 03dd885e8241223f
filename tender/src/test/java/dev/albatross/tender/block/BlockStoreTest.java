package dev.albatross.tender.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class BlockStoreTest {
    @TempDir
    Path dbdir;

    private BlockStore store;

    @BeforeEach
    void openStore() throws IOException {
        store = BlockStore.open(dbdir);
    }

    @Test
    void openCreatesTheBlockDirectoryWithMode0700() throws IOException {
        Path directory = dbdir.resolve("block");

        assertEquals(directory, store.directory());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
        assertEquals(directory, BlockStore.open(dbdir).directory(), "opening again reuses it");
    }

    @Test
    void createMakesASparseFileOfWholeMbWithMode0600() throws IOException {
        store.create("foo:data", 3);

        Path file = store.path("foo:data");
        assertEquals(dbdir.resolve("block").resolve("foo:data"), file);
        assertEquals(3 * BlockStore.MB, Files.size(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(allocatedBytes(file) < BlockStore.MB, "sparse: " + allocatedBytes(file) + " bytes allocated");
    }

    @Test
    void createRefusesAnExistingBlockAndKeepsIt() throws IOException {
        store.create(":disk", 1);
        Files.write(store.path(":disk"), "old".getBytes(StandardCharsets.US_ASCII));

        BlockException e = assertThrows(BlockException.class, () -> store.create(":disk", 2));

        assertEquals("creating block :disk: file already exists", e.getMessage());
        assertArrayEquals("old".getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(store.path(":disk")));
    }

    @Test
    void createRefusesSizesBelowOneMbWithAlbatrossText() throws IOException {
        for (int size : new int[] {0, -1, Integer.MIN_VALUE}) {
            BlockException e = assertThrows(BlockException.class, () -> store.create("foo:x", size));

            assertEquals("overflow while computing bytes", e.getMessage());
        }
        assertEquals(List.of(), entries());
    }

    @Test
    void createOfASizeTheFileSystemRefusesLeavesNothing() throws IOException {
        // 2^31-1 MB (2 PiB) is beyond ext4's 16 TiB file limit; tmpfs or xfs may accept it.
        try {
            store.create("big", Integer.MAX_VALUE);
            assertEquals(Integer.MAX_VALUE * BlockStore.MB, Files.size(store.path("big")));
            store.remove("big");
        } catch (BlockException e) {
            assertEquals("creating block big: File too large", e.getMessage());
        }
        assertEquals(List.of(), entries());
    }

    @Test
    void removeDeletesTheFile() throws IOException {
        store.create("foo:data", 1);

        store.remove("foo:data");

        assertEquals(List.of(), entries());
    }

    @Test
    void removeOfAMissingBlockFails() {
        BlockException e = assertThrows(BlockException.class, () -> store.remove("foo:data"));

        assertEquals("removing block foo:data: no such block file", e.getMessage());
    }

    @Test
    void refusesNamesThatAreNotFileNamesInTheDirectory() {
        for (String bad : List.of("", ".", "..", "a/b", "../state", "a\0b", BlockStore.TEMP_PREFIX + "1.tmp")) {
            assertThrows(IllegalArgumentException.class, () -> store.path(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> store.create(bad, 1), bad);
        }
    }

    @Test
    void scanFindsBlocksAndSaysWhyOtherEntriesAreSkipped() throws IOException {
        store.create("foo:data", 2);
        store.create(":disk", 1);
        Path directory = store.directory();
        Files.createFile(directory.resolve("empty"));
        Files.write(directory.resolve("short"), new byte[100]);
        BlockStore.setLength(Files.createFile(directory.resolve("unaligned")), BlockStore.MB + 1);
        Files.createDirectory(directory.resolve("subdir"));
        Files.createSymbolicLink(directory.resolve("link"), store.path("foo:data"));
        Files.write(directory.resolve(BlockStore.TEMP_PREFIX + "123.tmp"), new byte[10]);

        BlockScan scan = store.scan();

        assertEquals(List.of(new BlockScan.BlockFile(":disk", 1), new BlockScan.BlockFile("foo:data", 2)),
                scan.blocks());
        String leftover = "removed the leftover of an interrupted upload";
        assertEquals(List.of(
                new BlockScan.Skipped(BlockStore.TEMP_PREFIX + "123.tmp", leftover),
                new BlockScan.Skipped("empty", "size is 0"),
                new BlockScan.Skipped("link", "not a regular file"),
                new BlockScan.Skipped("short", "size 100 bytes is not a multiple of 1 MiB"),
                new BlockScan.Skipped("subdir", "not a regular file"),
                new BlockScan.Skipped("unaligned", "size 1048577 bytes is not a multiple of 1 MiB")), scan.skipped());
        assertFalse(Files.exists(directory.resolve(BlockStore.TEMP_PREFIX + "123.tmp")));
    }

    @Test
    void totalSizeIsTheSizeOfTheFileSystem() throws IOException {
        long expected = Files.getFileStore(dbdir).getTotalSpace() / BlockStore.MB;

        assertEquals(expected, store.totalSizeMb());
        assertTrue(store.totalSizeMb() > 0);
    }

    private List<String> entries() throws IOException {
        try (Stream<Path> names = Files.list(store.directory())) {
            return names.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** st_blocks × 512: what the file really occupies (the JDK has no attribute for it). */
    static long allocatedBytes(Path file) throws IOException {
        Process stat = new ProcessBuilder("stat", "--format=%b", file.toString()).redirectErrorStream(true).start();
        try {
            assertTrue(stat.waitFor(30, TimeUnit.SECONDS), "stat finished");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        String output = new String(stat.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertEquals(0, stat.exitValue(), output);
        return Long.parseLong(output) * 512;
    }
}
