package dev.albatross.tender.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenderLocatorTest {
    @TempDir
    Path tmp;

    private Path dbdir;
    private Path bin;
    private TenderLocator locator;

    @BeforeEach
    void setUp() throws IOException {
        dbdir = Files.createDirectory(tmp.resolve("db"));
        bin = Files.createDirectory(tmp.resolve("bin"));
        locator = new TenderLocator(dbdir, List.of(tmp.resolve("empty"), bin), Duration.ofSeconds(10));
    }

    private static Path install(Path tender, Path target) throws IOException {
        return Files.copy(tender, target, StandardCopyOption.COPY_ATTRIBUTES);
    }

    private static Path script(Path target, String body) throws IOException {
        Files.writeString(target, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
        return target;
    }

    @Test
    void prefersTheVersionedTenderInDbdir() throws Exception {
        Path versioned = install(Solo5HvtDouble.path(), dbdir.resolve("solo5-hvt.2"));
        install(Solo5HvtDouble.path(), bin.resolve("solo5-hvt.2"));
        install(Solo5HvtDouble.path(), dbdir.resolve("solo5-hvt"));
        assertEquals(versioned, locator.locate(2));
    }

    @Test
    void thenTheVersionedTenderInPathBeforeTheGenericOneInDbdir() throws Exception {
        Path inPath = install(Solo5HvtDouble.path(), bin.resolve("solo5-hvt.2"));
        install(Solo5HvtDouble.path(), dbdir.resolve("solo5-hvt"));
        assertEquals(inPath, locator.locate(2));
    }

    @Test
    void thenTheGenericTenderInDbdirThenInPath() throws Exception {
        Path inPath = install(Solo5HvtDouble.path(), bin.resolve("solo5-hvt"));
        assertEquals(inPath, locator.locate(2));
        Path inDbdir = install(Solo5HvtDouble.path(), dbdir.resolve("solo5-hvt"));
        assertEquals(inDbdir, locator.locate(2));
    }

    @Test
    void skipsFilesThatAreNotExecutable() throws Exception {
        Files.writeString(dbdir.resolve("solo5-hvt.2"), "not executable");
        Path generic = install(Solo5HvtDouble.path(), dbdir.resolve("solo5-hvt"));
        assertEquals(generic, locator.locate(2));
    }

    @Test
    void reportsAnAbiMismatchOfTheFirstTenderFound() throws Exception {
        Path old = install(Solo5HvtDouble.pathForAbi(1), dbdir.resolve("solo5-hvt"));
        install(Solo5HvtDouble.path(), bin.resolve("solo5-hvt"));
        TenderLookupException e = assertThrows(TenderLookupException.class, () -> locator.locate(2));
        assertEquals("tender " + old + " reports ABI version 1, image needs 2", e.getMessage());
        assertEquals("solo5-hvt reports ABI version 1, image needs 2", e.safeMessage());
    }

    @Test
    void reportsAMissingTenderWithWhereItLooked() {
        TenderLookupException e = assertThrows(TenderLookupException.class, () -> locator.locate(2));
        assertEquals("no solo5-hvt tender found for ABI 2 (looked in " + dbdir.resolve("solo5-hvt.2")
                + ", solo5-hvt.2 in PATH, " + dbdir.resolve("solo5-hvt") + ", solo5-hvt in PATH)", e.getMessage());
        assertEquals("no solo5-hvt tender found for ABI 2", e.safeMessage());
    }

    @Test
    void requiresASuccessfulVersionRunWithAnExactAbiLine() throws Exception {
        Path tender = script(dbdir.resolve("solo5-hvt"), "echo 'ABI version 2' >&2; exit 1");
        assertEquals("tender " + tender + " --version exited with 1",
                assertThrows(TenderLookupException.class, () -> locator.locate(2)).getMessage());
        Files.delete(tender);
        script(tender, "echo 'ABI version 2 (hvt)'; echo 'abi version 2'");
        assertEquals("tender " + tender + " --version printed no 'ABI version <n>' line, got: ABI version 2 (hvt)"
                        + "\\nabi version 2",
                assertThrows(TenderLookupException.class, () -> locator.locate(2)).getMessage());
    }

    @Test
    void cachesProbesPerPathModificationTimeAndSize() throws Exception {
        Path tender = script(dbdir.resolve("solo5-hvt"), "echo 'ABI version 2' >&2");
        FileTime modified = FileTime.fromMillis(1_700_000_000_000L);
        Files.setLastModifiedTime(tender, modified);
        assertEquals(tender, locator.locate(2));
        // Same size and time: the cached probe answers, the new content is not run.
        Files.writeString(tender, "#!/bin/sh\necho 'ABI version 7' >&2\n");
        Files.setLastModifiedTime(tender, modified);
        assertEquals(tender, locator.locate(2));
        // A new modification time means a new binary: probed again.
        Files.setLastModifiedTime(tender, FileTime.fromMillis(1_700_000_001_000L));
        assertEquals("tender " + tender + " reports ABI version 7, image needs 2",
                assertThrows(TenderLookupException.class, () -> locator.locate(2)).getMessage());
    }

    @Test
    void parsesOnlyAbsoluteSearchPathEntries() {
        assertEquals(List.of(Path.of("/usr/bin"), Path.of("/bin")),
                TenderLocator.parseSearchPath("/usr/bin::relative:/bin"));
        assertEquals(List.of(), TenderLocator.parseSearchPath(null));
    }
}
