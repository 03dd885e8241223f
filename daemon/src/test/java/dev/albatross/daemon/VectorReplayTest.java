package dev.albatross.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.der.GeneralizedTime;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.vectors.VectorCorpus;
import dev.albatross.protocol.wire.BlockCmd;
import dev.albatross.protocol.wire.BlockDevice;
import dev.albatross.protocol.wire.Data;
import dev.albatross.protocol.wire.FailBehaviour;
import dev.albatross.protocol.wire.Info;
import dev.albatross.protocol.wire.NetIf;
import dev.albatross.protocol.wire.Payload;
import dev.albatross.protocol.wire.Policy;
import dev.albatross.protocol.wire.PolicyCmd;
import dev.albatross.protocol.wire.Success;
import dev.albatross.protocol.wire.UnikernelCmd;
import dev.albatross.protocol.wire.UnikernelConfig;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.wire.WireCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.zip.InflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays the recorded Albatross session (../shared/vectors) against our daemon over its real sockets, in the
 * order of the recording: each client frame is sent as recorded, each reply is compared with the recorded one.
 *
 * <p>Byte for byte, except these fields, compared field by field with the named part ignored:
 * <ul>
 *   <li>the root policy's values (policy info at the root): discovered from the host, which differs;</li>
 *   <li>{@code started} of unikernel info: the wall clock of the recorded run;</li>
 *   <li>console line timestamps (wall clock), and how many live lines arrive (timing);</li>
 *   <li>zlib-compressed block dumps: OCaml's {@code decompress} and java.util.zip emit different (equally valid)
 *       streams at the same level, so the inflated content is compared;</li>
 *   <li>the image digest in replies of the {@code raw-*} exchanges: those were kept from an earlier recording
 *       made with Solo5's own test images (vectors/README.md), not the corpus images the rest uses.</li>
 * </ul>
 * The recording left some steps out (a held-out part of the corpus and unrecorded setup); the state they created
 * is re-created before the exchange that first needs it (see {@link #setUp}). Exchanges made only inside the
 * real client (no frames), and frames between Albatross's own daemons, are not replayed: ours is one process.
 */
class VectorReplayTest {
    private static final String BRIDGE = "albr0";

    @TempDir
    Path dir;

    @Test
    void ourDaemonAnswersTheRecordedSessionAsAlbatrossDid() throws Exception {
        assumeTrue(VectorCorpus.present(), "needs ../shared/vectors");
        DaemonFixture.assumeCanRun();
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2
                        || Files.readString(Path.of("/sys/devices/system/cpu/online")).trim().equals("0-1"),
                "the recording's policies use CPUs 0 and 1");
        assumeTrue(!Files.exists(Path.of("/sys/class/net", BRIDGE)),
                "needs to create the recorded bridge albr0, which already exists on this host");
        try (DaemonFixture d = DaemonFixture.create(dir)) {
            d.addBridge(BRIDGE);
            d.start();
            List<String> replayed = new ArrayList<>();
            for (VectorCorpus.Exchange e : VectorCorpus.exchanges()) {
                System.out.println("replaying " + e.id());
                setUp(d, e.id());
                if (replay(d, e)) {
                    replayed.add(e.id());
                }
            }
            assertTrue(replayed.size() >= 45, "replayed only " + replayed);
        }
    }

    // ---- the state the recording's missing steps created ------------------------------------------------------

    private static Policy policy(long unikernels, List<Integer> cpus, int memory, OptionalInt block,
            List<String> bridges) {
        return new Policy(unikernels, cpus, memory, block, bridges);
    }

    private static void setUp(DaemonFixture d, String id) throws Exception {
        String step = id.substring(0, 3);
        switch (step) {
            case "007" -> ok(d.call("nb:", new PolicyCmd.Add(policy(2, List.of(0), 128, OptionalInt.empty(),
                    List.of(BRIDGE)))));
            case "014" -> ok(d.call(":net", new UnikernelCmd.Create(UnikernelConfig.builder()
                    .image(DaemonFixture.corpusImage("net.hvt")).failBehaviour(FailBehaviour.Restart.onAnyExit())
                    .cpuids(List.of(1)).memoryMb(16)
                    .bridges(List.of(new NetIf("service0", Optional.of(BRIDGE), Optional.empty()))).build())));
            case "027" -> ok(d.call(":disk", new BlockCmd.Add(4)));
            case "032" -> {
                ok(d.call(":disk1", new BlockCmd.Add(1)));
                ok(d.call(":blk", new UnikernelCmd.Create(blk())));
            }
            case "050" -> ok(d.call("user:", new PolicyCmd.Add(policy(4, List.of(0, 1), 128, OptionalInt.of(10),
                    List.of(BRIDGE)))));
            case "051" -> ok(d.call("user:disk", new BlockCmd.Add(5)));
            case "056" -> ok(d.call(":blk", new UnikernelCmd.Destroy()));
            default -> {
                // nothing missing before this exchange
            }
        }
    }

    /** :blk as info shows it in the recording: blk.hvt, storage on disk1 with 4096-byte sectors. */
    private static UnikernelConfig blk() throws IOException {
        return UnikernelConfig.builder().image(DaemonFixture.corpusImage("blk.hvt"))
                .failBehaviour(FailBehaviour.Restart.onAnyExit()).cpuids(List.of(0)).memoryMb(16)
                .blocks(List.of(new BlockDevice("storage", Optional.of("disk1"), OptionalInt.of(4096))))
                .arguments(Optional.of(List.of("--solo5:quiet"))).build();
    }

    private static void ok(Wire reply) {
        assertInstanceOf(Success.class, reply.payload(), "setup step failed: " + reply.payload());
    }

    // ---- replay --------------------------------------------------------------------------------------------

    /** Replays one exchange; false if it has nothing for our sockets (client-only or internal frames only). */
    private boolean replay(DaemonFixture d, VectorCorpus.Exchange e) throws Exception {
        List<VectorCorpus.Frame> frames = e.frames().stream().filter(f -> !f.internal())
                .filter(f -> f.socket().equals("vmmd") || f.socket().equals("console")).toList();
        if (frames.isEmpty()) {
            return false;
        }
        for (int conn : frames.stream().map(VectorCorpus.Frame::conn).distinct().toList()) {
            List<VectorCorpus.Frame> mine = frames.stream().filter(f -> f.conn() == conn).toList();
            for (int attempt = 1; ; attempt++) {
                try {
                    replayConnection(d, e, mine);
                    break;
                } catch (AssertionError retry) {
                    // :blk restarts every 2 s (as in the recording); a command landing in the few milliseconds
                    // between its exit and its restart sees it stopped. Albatross has the same window.
                    if (attempt == 3 || !mentionsBlk(mine)) {
                        throw retry;
                    }
                }
            }
        }
        return true;
    }

    private static boolean mentionsBlk(List<VectorCorpus.Frame> frames) {
        return frames.stream().anyMatch(f -> HexFormat.of().formatHex(f.payload()).contains("3a626c6b"));
    }

    private void replayConnection(DaemonFixture d, VectorCorpus.Exchange e, List<VectorCorpus.Frame> frames)
            throws Exception {
        Path socket = frames.get(0).socket().equals("vmmd") ? d.paths.vmmdSocket() : d.paths.consoleSocket();
        boolean streaming = e.exitCode().map(c -> c < 0).orElse(false);
        try (WireClient c = WireClient.connect(socket)) {
            ByteArrayOutputStream compressedDump = new ByteArrayOutputStream();
            ByteArrayOutputStream recordedDump = new ByteArrayOutputStream();
            boolean compressedStream = false;
            for (VectorCorpus.Frame f : frames) {
                if (f.dir().equals("c2s")) {
                    if (f.length() <= 0) {
                        c.sendEnd();
                    } else {
                        c.sendRaw(f.payload());
                    }
                    continue;
                }
                Payload recordedPayload = WireCodec.decode(f.payload().clone()).orElseThrow().payload();
                if (compressedStream) {
                    // zlib chunk boundaries follow the compressor (which differs): gather both sides' data.
                    if (recordedPayload instanceof Data.BlockData data && data.chunk().isPresent()) {
                        data.chunk().get().writeTo(recordedDump);
                        continue;
                    }
                    for (Payload p = read(c, f); p instanceof Data.BlockData data && data.chunk().isPresent();
                            p = read(c, f)) {
                        data.chunk().get().writeTo(compressedDump);
                    }
                    continue;
                }
                Optional<Bytes> reply = c.readRaw();
                assertTrue(reply.isPresent(), f.id() + ": the daemon closed the connection instead of replying");
                compare(f, reply.get().toByteArray(), compressedDump, recordedDump);
                compressedStream = recordedPayload instanceof Success.BlockDeviceImage image && image.compressed();
            }
            if (e.rejectedByDaemon()) {
                assertEquals(Optional.empty(), c.readRaw(), e.id() + ": expected the connection closed, no reply");
            }
            if (recordedDump.size() > 0) {
                assertEquals(HexFormat.of().formatHex(inflate(recordedDump.toByteArray())),
                        HexFormat.of().formatHex(inflate(compressedDump.toByteArray())), e.id() + ": dumped data");
            }
            if (!streaming && !e.rejectedByDaemon() && frames.get(frames.size() - 1).dir().equals("s2c")
                    && closesAfterReply(frames)) {
                assertEquals(Optional.empty(), c.readRaw(), e.id() + ": expected the daemon to close after its reply");
            }
        }
    }

    private static Payload read(WireClient c, VectorCorpus.Frame f) throws IOException {
        return c.read().orElseThrow(() -> new AssertionError(f.id() + ": the stream ended early")).payload();
    }

    /** Albatross keeps a connection open after Policy_add (spec §7.2 "Loop") and Console_add (spec §8). */
    private static boolean closesAfterReply(List<VectorCorpus.Frame> frames) {
        VectorCorpus.Frame lastCommand = frames.stream().filter(f -> f.dir().equals("c2s") && f.isWire())
                .reduce((a, b) -> b).orElseThrow();
        Payload p = WireCodec.decode(lastCommand.payload().clone()).orElseThrow().payload();
        return !(p instanceof PolicyCmd.Add) && !(p instanceof dev.albatross.protocol.wire.ConsoleCmd.Add);
    }

    private void compare(VectorCorpus.Frame recorded, byte[] ours, ByteArrayOutputStream oursDump,
            ByteArrayOutputStream recordedDump) throws IOException {
        String recordedHex = HexFormat.of().formatHex(recorded.payload());
        String oursHex = HexFormat.of().formatHex(ours);
        if (recordedHex.equals(oursHex)) {
            return;
        }
        Wire expected = WireCodec.decode(recorded.payload().clone()).orElseThrow();
        Wire actual = WireCodec.decode(ours).orElseThrow();
        assertEquals(expected.header(), actual.header(), recorded.id() + ": header");
        String context = recorded.id() + ": differs beyond the ignored fields\n recorded " + recordedHex
                + "\n ours     " + oursHex;
        boolean olderImages = recorded.exchange().contains("-raw-");
        assertEquals(normalise(expected.payload(), recordedDump, olderImages),
                normalise(actual.payload(), oursDump, olderImages), context);
    }

    /** The payload with the fields this test ignores blanked out (see the class comment). */
    private static Object normalise(Payload p, ByteArrayOutputStream dump, boolean olderImages) throws IOException {
        if (p instanceof Success.Policies policies) {
            return new Success.Policies(policies.policies().stream().map(e -> e.name().equals(Name.ROOT)
                    ? new Success.PolicyEntry(Name.ROOT, new Policy(0, List.of(), 0, OptionalInt.empty(), List.of()))
                    : e).toList());
        }
        if (p instanceof Success.UnikernelInfo infos) {
            return infos.unikernels().stream().map(e -> Map.entry(e.name(), comparable(e.info(), olderImages)))
                    .toList();
        }
        if (p instanceof Success.OldUnikernelInfo4 infos) {
            return infos.unikernels().stream().map(e -> Map.entry(e.name(), comparable(e.info(), olderImages)))
                    .toList();
        }
        if (p instanceof Data.Console line) {
            return new Data.Console(GeneralizedTime.MIN, line.line());
        }
        if (p instanceof Data.BlockData data && data.chunk().isPresent()) {
            data.chunk().get().writeTo(dump);
            return "block data";
        }
        return p;
    }

    private static Info comparable(Info i, boolean olderImages) {
        return new Info(i.typ(), i.startup(), i.failBehaviour(), i.cpuids(), i.memoryMb(),
                olderImages ? Bytes.EMPTY : i.digest(), i.blocks(), i.bridges(), i.arguments(),
                Optional.of(Instant.EPOCH), i.cpus(), i.linuxBootPartition());
    }

    private static byte[] inflate(byte[] zlib) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InflaterOutputStream inflater = new InflaterOutputStream(out)) {
            inflater.write(zlib);
        }
        return out.toByteArray();
    }
}
