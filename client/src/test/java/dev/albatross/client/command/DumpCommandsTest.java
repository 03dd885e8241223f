package dev.albatross.client.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.albatross.client.ClientRun;
import dev.albatross.protocol.vectors.VectorCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** inspect-dump and extract-dump over the recorded state file. */
class DumpCommandsTest {
    @TempDir
    Path dir;

    @Test
    void inspectsTheRecordedStateFile() throws Exception {
        assumeTrue(VectorCorpus.present(), "needs ../shared/vectors");
        Path state = VectorCorpus.stateFiles().get(0);
        Files.copy(state, dir.resolve("state"));
        ClientRun r = ClientRun.run(ClientRun.Setup.in(dir), "inspect-dump", "--dbdir=" + dir);
        assertEquals(0, r.code(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals("parsed 6 unikernels:", lines.get(0));
        assertTrue(lines.get(1).startsWith("[unikernel: :blk2]: typ solo5"), r.out());
        assertTrue(r.out().contains("parsed 6 policies:\n[unikernel: :]: policy: 4611686018427387903 unikernels "
                + "0,1 CPUids 24105 MB memory 258019 MB block, bridges: albr0, barbr23081\n"), r.out());
    }

    @Test
    void extractsAnImageAndItsConfiguration() throws Exception {
        assumeTrue(VectorCorpus.present(), "needs ../shared/vectors");
        Files.copy(VectorCorpus.stateFiles().get(0), dir.resolve("state"));
        Path out = Files.createDirectories(dir.resolve("out"));
        ClientRun r = ClientRun.run(ClientRun.Setup.in(dir).tempDir(out).at(Instant.parse("2026-11-23T10:00:00Z")),
                "extract-dump", "blk2", "--dbdir=" + dir);
        assertEquals(0, r.code(), r.toString());
        Path file = out.resolve(":blk2.2026-11-23T10:00:00-00:00");
        assertTrue(r.out().startsWith("dumped image to " + file + "\ntyp solo5"), r.out());
        assertTrue(r.out().contains("argv --solo5:quiet x y"), r.out());
        assertArrayEquals(Files.readAllBytes(VectorCorpus.image("blk.hvt")), Files.readAllBytes(file));
        ClientRun missing = ClientRun.run(ClientRun.Setup.in(dir), "extract-dump", "nosuch", "--dbdir=" + dir);
        assertEquals("albatross-client: [ERROR] unikernel not found\n", missing.out());
        assertEquals(124, missing.code());
        ClientRun noFile = ClientRun.run(ClientRun.Setup.in(dir), "inspect-dump", "--file=absent",
                "--dbdir=" + dir);
        assertEquals("albatross-client: [ERROR] dump file not found\n", noFile.out());
        assertEquals(124, noFile.code());
    }
}
