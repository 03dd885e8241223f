package dev.albatross.client.inspect;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.der.RawText;
import dev.albatross.protocol.name.Mac;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.BlockCmd;
import dev.albatross.protocol.wire.BlockDevice;
import dev.albatross.protocol.wire.ConfigFormat;
import dev.albatross.protocol.wire.ConsoleCmd;
import dev.albatross.protocol.wire.Data;
import dev.albatross.protocol.wire.FailBehaviour;
import dev.albatross.protocol.wire.Failure;
import dev.albatross.protocol.wire.IfData;
import dev.albatross.protocol.wire.Info;
import dev.albatross.protocol.wire.KinfoMem;
import dev.albatross.protocol.wire.NetIf;
import dev.albatross.protocol.wire.Payload;
import dev.albatross.protocol.wire.Policy;
import dev.albatross.protocol.wire.PolicyCmd;
import dev.albatross.protocol.wire.Rusage;
import dev.albatross.protocol.wire.StatsCmd;
import dev.albatross.protocol.wire.Success;
import dev.albatross.protocol.wire.Timeval;
import dev.albatross.protocol.wire.Typ;
import dev.albatross.protocol.wire.UnikernelArguments;
import dev.albatross.protocol.wire.UnikernelCmd;
import dev.albatross.protocol.wire.UnikernelConfig;
import dev.albatross.protocol.wire.VmmStat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.zip.DeflaterOutputStream;

/**
 * One value of every alternative of every sealed type of the grammar, each with the title line inspect-wire
 * must print for it. The lists are built by switches over the {@code Kind} enums, so an alternative added to
 * the grammar does not compile here until it has a sample.
 */
final class Samples {
    /** A payload and the line that names it. */
    record Sample(Payload payload, String title) {
        @Override
        public String toString() {
            return title;
        }
    }

    /** Bytes that are not UTF-8 and control characters: what console lines and arguments may hold. */
    static final String NASTY = "say \"hi\"\\\n\t" + RawText.decode(new byte[] {(byte) 0xFF, 0x1B, 'x'}) + "é";
    static final Instant STARTED = Instant.parse("2025-08-22T13:04:43.123Z");
    static final Bytes IMAGE = Bytes.wrap("a unikernel image, not really".getBytes(StandardCharsets.US_ASCII));

    private Samples() {
    }

    static List<Sample> all() {
        List<Sample> all = new ArrayList<>();
        for (ConsoleCmd.Kind k : ConsoleCmd.Kind.values()) {
            all.add(switch (k) {
                case ADD -> new Sample(new ConsoleCmd.Add(5), "command: console add");
                case SUBSCRIBE_SINCE -> new Sample(new ConsoleCmd.SubscribeSince(STARTED),
                        "command: console subscribe");
                case SUBSCRIBE_COUNT -> new Sample(new ConsoleCmd.SubscribeCount(20), "command: console subscribe");
                case LIST_INACTIVE -> new Sample(new ConsoleCmd.ListInactive(), "command: console list-inactive");
            });
        }
        for (StatsCmd.Kind k : StatsCmd.Kind.values()) {
            all.add(switch (k) {
                case ADD -> new Sample(new StatsCmd.Add("", 4242, List.of(new StatsCmd.Interface("service", "tap0"))),
                        "command: statistics add");
                case REMOVE -> new Sample(new StatsCmd.Remove(), "command: statistics remove");
                case SUBSCRIBE -> new Sample(new StatsCmd.Subscribe(), "command: statistics subscribe");
                case INITIAL -> new Sample(new StatsCmd.Initial(), "command: statistics initial");
            });
        }
        for (UnikernelCmd.Kind k : UnikernelCmd.Kind.values()) {
            all.addAll(unikernel(k));
        }
        for (PolicyCmd.Kind k : PolicyCmd.Kind.values()) {
            all.add(switch (k) {
                case INFO -> new Sample(new PolicyCmd.Info(), "command: policy info");
                case ADD -> new Sample(new PolicyCmd.Add(policy()), "command: policy add");
                case REMOVE -> new Sample(new PolicyCmd.Remove(), "command: policy remove");
            });
        }
        for (BlockCmd.Kind k : BlockCmd.Kind.values()) {
            all.addAll(block(k));
        }
        for (Success.Kind k : Success.Kind.values()) {
            all.add(success(k));
        }
        for (Data.Kind k : Data.Kind.values()) {
            all.addAll(data(k));
        }
        all.add(new Sample(new Failure(NASTY),
                "failure: \"say \\\"hi\\\"\\\\\\n\\t\\xff\\x1bx\\xc3\\xa9\""));
        return all;
    }

    private static List<Sample> unikernel(UnikernelCmd.Kind k) {
        return switch (k) {
            case DESTROY -> List.of(new Sample(new UnikernelCmd.Destroy(), "command: unikernel destroy"));
            case CREATE -> List.of(new Sample(new UnikernelCmd.Create(config()), "command: unikernel create"),
                    new Sample(new UnikernelCmd.Create(oneCpuConfig(), ConfigFormat.V4), "command: unikernel create"),
                    new Sample(new UnikernelCmd.Create(oneCpuConfig(), ConfigFormat.V3), "command: unikernel create"));
            case FORCE_CREATE -> List.of(
                    new Sample(new UnikernelCmd.ForceCreate(config()), "command: unikernel force-create"),
                    new Sample(new UnikernelCmd.ForceCreate(oneCpuConfig(), ConfigFormat.V4),
                            "command: unikernel force-create"),
                    new Sample(new UnikernelCmd.ForceCreate(oneCpuConfig(), ConfigFormat.V3),
                            "command: unikernel force-create"));
            case GET -> List.of(new Sample(new UnikernelCmd.Get(9), "command: unikernel get"));
            case RESTART -> {
                List<Sample> restarts = new ArrayList<>();
                restarts.add(new Sample(new UnikernelCmd.Restart(Optional.empty()), "command: unikernel restart"));
                for (UnikernelArguments.Format f : UnikernelArguments.Format.values()) {
                    UnikernelArguments args = (f == UnikernelArguments.Format.CURRENT ? config() : oneCpuConfig())
                            .asArguments();
                    restarts.add(new Sample(new UnikernelCmd.Restart(Optional.of(args), f),
                            "command: unikernel restart"));
                }
                yield restarts;
            }
            case OLD_INFO4 -> List.of(new Sample(new UnikernelCmd.OldInfo4(), "command: unikernel info-OLD4"));
            case OLD_INFO5 -> List.of(new Sample(new UnikernelCmd.OldInfo5(), "command: unikernel info-OLD5"));
            case INFO -> List.of(new Sample(new UnikernelCmd.Info(), "command: unikernel info"));
        };
    }

    private static List<Sample> block(BlockCmd.Kind k) {
        return switch (k) {
            case INFO -> List.of(new Sample(new BlockCmd.Info(), "command: block info"));
            case ADD -> List.of(new Sample(new BlockCmd.Add(5), "command: block add"));
            case REMOVE -> List.of(new Sample(new BlockCmd.Remove(), "command: block remove"));
            case OLD_ADD -> List.of(new Sample(new BlockCmd.OldAdd(5, true, Optional.of(zlib(IMAGE))),
                    "command: block add-OLD"), new Sample(new BlockCmd.OldAdd(5, false, Optional.empty()),
                    "command: block add-OLD"));
            case OLD_SET -> List.of(new Sample(new BlockCmd.OldSet(false, IMAGE), "command: block set-OLD"));
            case OLD_DUMP -> List.of(new Sample(new BlockCmd.OldDump(0), "command: block dump-OLD"));
            case DUMP -> List.of(new Sample(new BlockCmd.Dump(9), "command: block dump"));
            case SET -> List.of(new Sample(new BlockCmd.Set(true), "command: block set"));
        };
    }

    private static Sample success(Success.Kind k) {
        return switch (k) {
            case EMPTY -> new Sample(new Success.Empty(), "reply: empty");
            case STRING -> new Sample(new Success.Message("created unikernel"), "reply: string");
            case POLICIES -> new Sample(new Success.Policies(List.of(
                    new Success.PolicyEntry(Name.parse(":"), policy()),
                    new Success.PolicyEntry(Name.parse("foo:"), new Policy(1, List.of(), 0, OptionalInt.empty(),
                            List.of())))), "reply: policies, 2 entries");
            case BLOCK_DEVICES -> new Sample(new Success.BlockDevices(List.of(
                    new Success.BlockDeviceEntry(Name.parse("foo:data"), 2, true))), "reply: block-devices, 1 entry");
            case UNIKERNEL_IMAGE -> new Sample(new Success.UnikernelImage(true, zlib(IMAGE)), "reply: unikernel-image");
            case OLD_BLOCK_DEVICE_IMAGE -> new Sample(new Success.OldBlockDeviceImage(false, IMAGE),
                    "reply: old-block-device-image");
            case OLD_UNIKERNEL_INFO4 -> new Sample(new Success.OldUnikernelInfo4(List.of(
                    new Success.InfoEntry(Name.parse(":hello"), oneCpuInfo(OptionalInt.empty())))),
                    "reply: old-unikernel-info4, 1 entry");
            case BLOCK_DEVICE_IMAGE -> new Sample(new Success.BlockDeviceImage(false), "reply: block-device-image");
            case OLD_UNIKERNEL_INFO5 -> new Sample(new Success.OldUnikernelInfo5(List.of(
                    new Success.InfoEntry(Name.parse(":hello"), oneCpuInfo(OptionalInt.of(10))))),
                    "reply: old-unikernel-info5, 1 entry");
            case CONSOLES -> new Sample(new Success.Consoles(List.of(Name.parse(":hello"), Name.parse("foo:web"))),
                    "reply: consoles, 2 entries");
            case UNIKERNEL_INFO -> new Sample(new Success.UnikernelInfo(List.of(
                    new Success.InfoEntry(Name.parse("foo:web"), info()),
                    new Success.InfoEntry(Name.parse(":vm"), bhyveInfo()))), "reply: unikernel-info, 2 entries");
        };
    }

    private static List<Sample> data(Data.Kind k) {
        return switch (k) {
            case STATISTICS -> List.of(new Sample(statistics(true), "data: statistics"),
                    new Sample(statistics(false), "data: statistics"));
            case CONSOLE -> List.of(new Sample(new Data.Console(STARTED, NASTY), "data: console"));
            case BLOCK -> List.of(new Sample(new Data.BlockData(Optional.of(IMAGE)), "data: block"),
                    new Sample(Data.BlockData.end(), "data: block"));
        };
    }

    static UnikernelConfig config() {
        return UnikernelConfig.builder().typ(Typ.SOLO5).compressed(true).image(zlib(IMAGE)).startup(OptionalInt.of(10))
                .addName(false).failBehaviour(new FailBehaviour.Restart(List.of(3, 4))).cpuids(List.of(0, 1))
                .memoryMb(64)
                .blocks(List.of(new BlockDevice("storage", Optional.of("disk1"), OptionalInt.of(4096)),
                        BlockDevice.of("tmp")))
                .bridges(List.of(new NetIf("service", Optional.of("albr0"),
                        Optional.of(new Mac(new byte[] {2, 0, 0, 0, 0, 0x43}))), NetIf.of("management")))
                .arguments(Optional.of(List.of("--verbose", NASTY))).cpus(OptionalInt.of(2))
                .linuxBootPartition(Optional.of("hd0,1")).build();
    }

    /** For the older grammars, which carry one CPU id and no startup, cpus or boot partition. */
    static UnikernelConfig oneCpuConfig() {
        return UnikernelConfig.builder().image(IMAGE).failBehaviour(FailBehaviour.Restart.onAnyExit())
                .cpuids(List.of(1)).memoryMb(16).arguments(Optional.of(List.of())).build();
    }

    static Policy policy() {
        return new Policy(4, List.of(0, 1), 128, OptionalInt.of(10), List.of("albr0", "albr1"));
    }

    private static Info info() {
        return new Info(Typ.SOLO5, OptionalInt.of(10), new FailBehaviour.Quit(), List.of(0, 1), 32,
                IMAGE.sha256(), List.of(new Info.Block("storage", "disk1", 512, 10)),
                List.of(new Info.Bridge("service", "albr0", new Mac(new byte[] {0, (byte) 0x80, 0x41, 1, 2, 3}))),
                Optional.of(List.of("a b")), Optional.of(STARTED), OptionalInt.of(1), Optional.of("hd0,1"));
    }

    private static Info bhyveInfo() {
        return new Info(Typ.BHYVE, OptionalInt.empty(), FailBehaviour.Restart.onAnyExit(), List.of(0), 1024,
                Bytes.wrap("alba-12345".getBytes(StandardCharsets.US_ASCII)), List.of(), List.of(),
                Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty());
    }

    private static Info oneCpuInfo(OptionalInt startup) {
        return new Info(Typ.SOLO5, startup, new FailBehaviour.Quit(), List.of(1), 16, IMAGE.sha256(), List.of(),
                List.of(), Optional.empty(), Optional.of(STARTED), OptionalInt.empty(), Optional.empty());
    }

    private static Data.Statistics statistics(boolean full) {
        Rusage rusage = new Rusage(new Timeval(1, 234), new Timeval(0, 999_999), 10, 11, 12, 13, 14, 15, 16, 17,
                18, 19, 20, 21, 22, 23);
        List<IfData> ifdata = full ? List.of(new IfData("service", 0x8843, 1, 2, 3, 1500, 10_000_000, 1, 2, 3, 4,
                5, 6, 7, 8, 9, 10, 11)) : List.of();
        Optional<List<VmmStat>> vmm = full ? Optional.of(List.of(new VmmStat("vm exits", 42))) : Optional.empty();
        Optional<KinfoMem> kinfo = full ? Optional.of(new KinfoMem(1, 2, 3, 4, 5, 6, 7, new Timeval(8, 9)))
                : Optional.empty();
        return new Data.Statistics(rusage, ifdata, vmm, kinfo);
    }

    /** {@code data} deflated with a zlib header, as the client compresses images. */
    static Bytes zlib(Bytes data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
            data.writeTo(z);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Bytes.wrap(out.toByteArray());
    }
}
