package dev.albatross.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.state.StateFile;
import dev.albatross.protocol.state.StateFileCodec;
import dev.albatross.protocol.vectors.VectorCorpus;
import dev.albatross.protocol.wire.PolicyCmd;
import dev.albatross.protocol.wire.Success;
import dev.albatross.protocol.wire.UnikernelCmd;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A state file written by the real Albatross comes back under our daemon (spec §5.9, §7.1). */
class MigrationTest {
    @TempDir
    Path dir;

    @Test
    void restoresTheUnikernelsAndPoliciesOfAnAlbatrossStateFile() throws Exception {
        assumeTrue(VectorCorpus.present(), "needs ../shared/vectors");
        DaemonFixture.assumeCanRun();
        assumeTrue(!Files.exists(Path.of("/sys/class/net/albr0")), "needs to create the recorded bridge albr0");
        Path recorded = VectorCorpus.stateFiles().get(0);
        try (DaemonFixture d = DaemonFixture.create(dir)) {
            d.addBridge("albr0");
            Files.copy(recorded, d.paths.dbdir().resolve("state"));
            Files.createDirectories(d.paths.dbdir().resolve("block"));
            try (RandomAccessFile disk = new RandomAccessFile(d.paths.dbdir().resolve("block/:disk1").toFile(), "rw")) {
                disk.setLength(1 << 20);
            }
            d.start();

            List<Name> expected = List.of(Name.parse(":blk2"), Name.parse("foo:web"), Name.parse("foo:web2"),
                    Name.parse(":net"), Name.parse(":net3"), Name.parse(":net4"));
            Success.UnikernelInfo info = (Success.UnikernelInfo) d.call(":", new UnikernelCmd.Info()).payload();
            List<Name> running = info.unikernels().stream().map(Success.InfoEntry::name).sorted(
                    java.util.Comparator.comparing(Name::text)).toList();
            // :blk2 (blk.hvt) runs 2 s and restarts on exit 0; it may be between two runs at this moment.
            List<Name> others = running.stream().filter(n -> !n.equals(Name.parse(":blk2"))).toList();
            assertEquals(expected.stream().filter(n -> !n.equals(Name.parse(":blk2"))).sorted(
                    java.util.Comparator.comparing(Name::text)).toList(), others);
            Success.Policies policies = (Success.Policies) d.call(":", new PolicyCmd.Info()).payload();
            assertEquals(List.of(":", "user:", "p2:", "p1:", "nb:", "foo:"), policies.policies().stream()
                    .map(e -> e.name().text()).toList());
            assertEquals(recorded.toFile().length(), Files.size(d.paths.dbdir().resolve("state.started")));

            d.stop();
            StateFile rewritten = StateFileCodec.decode(Files.readAllBytes(d.paths.dbdir().resolve("state")))
                    .orElseThrow();
            assertEquals(StateFile.Format.CURRENT, rewritten.format());
            assertEquals(expected, rewritten.unikernels().stream().map(StateFile.NamedUnikernel::name).toList());
            d.assertNothingLeft();
        }
    }
}
