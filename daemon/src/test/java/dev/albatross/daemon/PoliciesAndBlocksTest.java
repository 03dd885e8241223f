package dev.albatross.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.BlockCmd;
import dev.albatross.protocol.wire.BlockDevice;
import dev.albatross.protocol.wire.Data;
import dev.albatross.protocol.wire.Failure;
import dev.albatross.protocol.wire.Header;
import dev.albatross.protocol.wire.Payload;
import dev.albatross.protocol.wire.Policy;
import dev.albatross.protocol.wire.PolicyCmd;
import dev.albatross.protocol.wire.Success;
import dev.albatross.protocol.wire.UnikernelCmd;
import dev.albatross.protocol.wire.UnikernelConfig;
import dev.albatross.protocol.wire.Wire;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policies and block devices end to end over vmmd.sock. */
class PoliciesAndBlocksTest {
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

    private Policy tenantPolicy() {
        return new Policy(2, List.of(0), 64, OptionalInt.of(10), List.of(d.bridge));
    }

    private Payload call(String name, dev.albatross.protocol.wire.Command cmd) throws Exception {
        return d.call(name, cmd).payload();
    }

    private UnikernelConfig hello(int memory) throws Exception {
        return UnikernelConfig.builder().image(DaemonFixture.corpusImage("hello.hvt")).memoryMb(memory)
                .arguments(Optional.of(List.of("--x-hang"))).build();
    }

    @Test
    void policiesAreAddedEnforcedListedAndRemoved() throws Exception {
        assertEquals(new Success.Message("added policy"), call("tenant:", new PolicyCmd.Add(tenantPolicy())));
        assertEquals(new Success.Message("no modification of policy"),
                call("tenant:", new PolicyCmd.Add(tenantPolicy())));
        Success.Policies all = (Success.Policies) call(":", new PolicyCmd.Info());
        assertEquals(List.of(Name.ROOT, Name.parse("tenant:")), all.policies().stream()
                .map(Success.PolicyEntry::name).toList());
        assertEquals(new Success.Message("created unikernel"), call("tenant:a", new UnikernelCmd.Create(hello(40))));
        assertEquals(new Failure("maximum allowed memory (64, used 40) would be exceeded (requesting 40)"),
                call("tenant:b", new UnikernelCmd.Create(hello(40))));
        assertEquals(new Failure("unikernel would exceed running memory limit set by policy to 32 MB, used 40 MB"),
                call("tenant:", new PolicyCmd.Add(new Policy(2, List.of(0), 32, OptionalInt.of(10), List.of()))));
        assertEquals(new Failure("policy above allows 2 unikernels, which is fewer than 3"),
                call("tenant:sub:", new PolicyCmd.Add(new Policy(3, List.of(0), 32, OptionalInt.empty(), List.of()))));
        call("tenant:a", new UnikernelCmd.Destroy());
        assertEquals(new Success.Message("removed policy"), call("tenant:", new PolicyCmd.Remove()));
        assertEquals(new Failure("unknown policy"), call("tenant:", new PolicyCmd.Remove()));
        d.assertNothingLeft();
    }

    @Test
    void theHostPolicyCannotBeReplacedOrRemoved() throws Exception {
        assertInstanceOf(Failure.class, call(":", new PolicyCmd.Add(tenantPolicy())));
        assertInstanceOf(Failure.class, call(":", new PolicyCmd.Remove()));
    }

    @Test
    void aPolicyConnectionTakesSeveralPolicies() throws Exception {
        // Albatross keeps the connection open after Policy_add (the TLS endpoint pushes a chain's policies so).
        try (WireClient c = WireClient.connect(d.paths.vmmdSocket())) {
            c.send(new Wire(Header.of(1, Name.parse("a:")), new PolicyCmd.Add(tenantPolicy())));
            assertEquals(new Success.Message("added policy"), c.read().orElseThrow().payload());
            c.send(new Wire(Header.of(2, Name.parse("a:b:")), new PolicyCmd.Add(tenantPolicy())));
            Wire reply = c.read().orElseThrow();
            assertEquals(2, reply.header().sequence());
            assertEquals(new Success.Message("added policy"), reply.payload());
        }
    }

    @Test
    void blockDevicesAreCreatedFilledDumpedAttachedAndRemoved() throws Exception {
        call("tenant:", new PolicyCmd.Add(tenantPolicy()));
        assertEquals(new Success.Message("added block device"), call("tenant:disk", new BlockCmd.Add(2)));
        byte[] data = new byte[1_500_000];
        new Random(7).nextBytes(data);
        Arrays.fill(data, 0, 500_000, (byte) 'a');
        assertEquals(new Success.Message("set block device"), upload("tenant:disk", data, false));
        byte[] expected = Arrays.copyOf(data, 2 << 20);
        assertArrayEquals(expected, dump("tenant:disk", 0));
        assertArrayEquals(expected, dump("tenant:disk", 9));
        assertEquals(new Success.Message("set block device"), upload("tenant:disk", deflate(data), true));
        assertArrayEquals(expected, dump("tenant:disk", 0));
        assertEquals(new Success.BlockDevices(List.of(new Success.BlockDeviceEntry(Name.parse("tenant:disk"), 2,
                false))), call("tenant:disk", new BlockCmd.Info()));

        UnikernelConfig withDisk = UnikernelConfig.builder().image(DaemonFixture.corpusImage("blk.hvt"))
                .memoryMb(16).blocks(List.of(new BlockDevice("storage", Optional.of("disk"), OptionalInt.empty())))
                .arguments(Optional.of(List.of("--x-hang"))).build();
        assertEquals(new Success.Message("created unikernel"), call("tenant:vm", new UnikernelCmd.Create(withDisk)));
        assertTrue(((Success.BlockDevices) call("tenant:", new BlockCmd.Info())).devices().get(0).active());
        assertEquals(new Failure("remove block: is in use"), call("tenant:disk", new BlockCmd.Remove()));
        assertEquals(new Failure("set block: is in use"), upload("tenant:disk", data, false));
        assertEquals(new Failure("block device tenant:disk already in use"),
                call("tenant:vm2", new UnikernelCmd.Create(withDisk)));
        call("tenant:vm", new UnikernelCmd.Destroy());
        assertEquals(new Success.Message("removed block"), call("tenant:disk", new BlockCmd.Remove()));
        assertFalse(Files.exists(d.paths.dbdir().resolve("block").resolve("tenant:disk")));
        d.assertNothingLeft();
    }

    @Test
    void blockRequestsBeyondThePolicyOrSizeAreRefusedAndKeepTheOldContent() throws Exception {
        call("tenant:", new PolicyCmd.Add(tenantPolicy()));
        assertEquals(new Failure("block device policy limit of 10 MB (used 0 MB) would be exceeded by the request "
                + "(20 MB)"), call("tenant:big", new BlockCmd.Add(20)));
        assertFalse(Files.exists(d.paths.dbdir().resolve("block").resolve("tenant:big")));
        call("tenant:disk", new BlockCmd.Add(1));
        byte[] first = new byte[1000];
        Arrays.fill(first, (byte) 7);
        upload("tenant:disk", first, false);
        assertEquals(new Failure("stream exceeds size"), upload("tenant:disk", new byte[(1 << 20) + 1], false));
        assertArrayEquals(Arrays.copyOf(first, 1 << 20), dump("tenant:disk", 0));
        assertEquals(List.of("tenant:disk"), Files.list(d.paths.dbdir().resolve("block"))
                .map(p -> p.getFileName().toString()).toList());
        assertEquals(new Failure("set block: not found"), upload("tenant:nope", first, false));
        assertEquals(new Failure("block device with same name already exists"),
                call("tenant:disk", new BlockCmd.Add(1)));
    }

    private Payload upload(String name, byte[] data, boolean compressed) throws Exception {
        try (WireClient c = WireClient.connect(d.paths.vmmdSocket())) {
            c.send(new Wire(Header.of(0, Name.parse(name)), new BlockCmd.Set(compressed)));
            try {
                for (int off = 0; off < data.length; off += 4096) {
                    c.sendRaw(Arrays.copyOfRange(data, off, Math.min(data.length, off + 4096)));
                }
                c.sendEnd();
            } catch (java.io.IOException e) {
                // The daemon answers a refused upload at once and closes: the rest of our writes fail, and its
                // reply is there to read (as albatross-client reads it).
            }
            return c.read().orElseThrow().payload();
        }
    }

    private byte[] dump(String name, int level) throws Exception {
        try (WireClient c = WireClient.connect(d.paths.vmmdSocket())) {
            c.send(new Wire(Header.of(0, Name.parse(name)), new BlockCmd.Dump(level)));
            assertEquals(new Success.BlockDeviceImage(level != 0), c.read().orElseThrow().payload());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                Data.BlockData chunk = (Data.BlockData) c.read().orElseThrow().payload();
                if (chunk.chunk().isEmpty()) {
                    break;
                }
                chunk.chunk().get().writeTo(out);
            }
            return level == 0 ? out.toByteArray() : inflate(out.toByteArray());
        }
    }

    private static byte[] deflate(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] inflate(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InflaterOutputStream z = new InflaterOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }
}
