package dev.albatross.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.BlockDevice;
import dev.albatross.protocol.wire.Failure;
import dev.albatross.protocol.wire.Header;
import dev.albatross.protocol.wire.NetIf;
import dev.albatross.protocol.wire.Payload;
import dev.albatross.protocol.wire.Policy;
import dev.albatross.protocol.wire.PolicyCmd;
import dev.albatross.protocol.wire.UnikernelCmd;
import dev.albatross.protocol.wire.UnikernelConfig;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.wire.WireCodec;
import dev.albatross.tender.elf.Solo5ImageBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets a clear answer and leaves no tap, file or process behind. */
class BadInputTest {
    @TempDir
    Path dir;
    DaemonFixture d;

    @BeforeEach
    void start() throws Exception {
        d = DaemonFixture.create(dir).start();
    }

    @AfterEach
    void stop() throws Exception {
        if (d != null) {
            d.close();
        }
    }

    private Payload create(String name, UnikernelConfig config) throws Exception {
        return d.call(name, new UnikernelCmd.Create(config)).payload();
    }

    private UnikernelConfig.Builder net() throws Exception {
        return UnikernelConfig.builder().image(DaemonFixture.corpusImage("net.hvt")).memoryMb(16)
                .bridges(List.of(new NetIf("service0", Optional.of(d.bridge), Optional.empty())));
    }

    @Test
    void undecodableCommandsCloseTheConnectionWithoutAReply() throws Exception {
        // As Albatross (vectors/041..044): an invalid name, version 4, trailing bytes.
        byte[] badName = HexFormat.of().parseHex("30223018020105040800000000000000000c096261645f6e616d6521a006a304b3020500");
        byte[] version4 = HexFormat.of().parseHex("301a3010020104040800000000000000000c013aa006a304b3020500");
        for (byte[] frame : List.of(badName, version4, new byte[] {0x30, 0x00}, new byte[] {1, 2, 3})) {
            try (WireClient c = WireClient.connect(d.paths.vmmdSocket())) {
                c.sendRaw(frame);
                assertEquals(Optional.empty(), c.readRaw());
            }
        }
        // The daemon still serves everyone else.
        assertEquals(new dev.albatross.protocol.wire.Success.UnikernelInfo(List.of()),
                d.call(":", new UnikernelCmd.Info()).payload());
    }

    @Test
    void unknownUnikernels() throws Exception {
        assertEquals(new Failure("destroy: not found"), d.call(":x", new UnikernelCmd.Destroy()).payload());
        assertEquals(new Failure("get: no unikernel found"), d.call(":x", new UnikernelCmd.Get(0)).payload());
        assertEquals(new Failure("destroy: not found"),
                d.call(":x", new UnikernelCmd.Restart(Optional.empty())).payload());
    }

    @Test
    void refusedCreatesLeaveNothingBehind() throws Exception {
        d.call("t:", new PolicyCmd.Add(new Policy(1, List.of(0), 32, OptionalInt.empty(), List.of(d.bridge))));
        assertEquals(new Failure("maximum allowed memory (32, used 0) would be exceeded (requesting 64)"),
                create("t:big", net().memoryMb(64).build()));
        assertEquals(new Failure("bridges nosuchbr not allowed by policy"), create(":nobr", net()
                .bridges(List.of(new NetIf("service0", Optional.of("nosuchbr"), Optional.empty()))).build()));
        assertEquals(new Failure("specified bridge(s) does not match with the manifest. Devices present in manifest: "
                + "net \"service0\""), create(":nonet", net().bridges(List.of()).build()));
        assertEquals(new Failure("block device :nodisk not found"), create(":blk", UnikernelConfig.builder()
                .image(DaemonFixture.corpusImage("blk.hvt"))
                .blocks(List.of(new BlockDevice("storage", Optional.of("nodisk"), OptionalInt.empty()))).build()));
        Payload notSolo5 = create(":garbage", net().image(Bytes.copyOf("not an ELF file".getBytes())).build());
        assertTrue(((Failure) notSolo5).message().startsWith("invalid image: "), notSolo5.toString());
        Payload spt = create(":spt", net().image(Bytes.wrap(Solo5ImageBuilder.hvt()
                .target(dev.albatross.tender.elf.Solo5Target.SPT).net("service0").build())).build());
        assertTrue(((Failure) spt).message().contains("spt"), spt.toString());
        Payload badZlib = create(":zlib", net().compressed(true).build());
        assertTrue(((Failure) badZlib).message().startsWith("failed to uncompress"), badZlib.toString());
        d.assertNothingLeft();
    }

    @Test
    void aMissingTenderIsAFailureAndLeavesNothing() throws Exception {
        Files.delete(d.paths.dbdir().resolve("solo5-hvt"));
        Payload reply = create(":web", net().build());
        assertTrue(reply instanceof Failure, reply.toString());
        d.assertNothingLeft();
    }

    @Test
    void aTenderThatFailsAtOnceIsAFailure() throws Exception {
        // The double refuses --mem above 4096 MB as the real tender does (exit 1), right after it starts.
        Payload reply = create(":huge", net().memoryMb(5000).build());
        assertEquals(new Failure("could not create unikernel: the tender failed at once (exit 1), see its console "
                + "output"), reply);
        d.assertNothingLeft();
    }

    @Test
    void aCorruptStateFileStopsTheDaemonFromStartingAndIsKept() throws Exception {
        d.stop();
        Path state = d.paths.dbdir().resolve("state");
        byte[] corrupt = {(byte) 0xa6, 0x03, 0x30, 0x01, 0x00};
        Files.write(state, corrupt);
        Albatrossd.StartupException e = assertThrows(Albatrossd.StartupException.class, d::start);
        assertTrue(e.getMessage().contains("couldn't parse state"), e.getMessage());
        assertArrayEquals(corrupt, Files.readAllBytes(state));
    }

    @Test
    void aWireMessageForTheWrongSocketIsRefused() throws Exception {
        Wire consoleCmd = new Wire(Header.of(0, Name.parse(":x")),
                new dev.albatross.protocol.wire.ConsoleCmd.ListInactive());
        try (WireClient c = WireClient.connect(d.paths.vmmdSocket())) {
            c.sendRaw(WireCodec.encode(consoleCmd));
            assertEquals(new Failure("unknown command"), c.read().orElseThrow().payload());
        }
    }
}
