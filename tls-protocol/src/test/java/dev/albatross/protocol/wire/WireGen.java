package dev.albatross.protocol.wire;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.der.DerNode;
import dev.albatross.protocol.der.GeneralizedTime;
import dev.albatross.protocol.der.RawText;
import dev.albatross.protocol.gen.Gen;
import dev.albatross.protocol.name.Label;
import dev.albatross.protocol.name.Mac;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.name.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Random values of the whole wire grammar for round-trip properties, one generator per alternative of every
 * sealed choice ({@link #alternatives()}), so that a test can check mechanically that none is missing.
 *
 * <p>Every value generated is one its format can carry, so {@code decode(encode(v)).equals(v)}: lists that
 * travel as SET OF are generated in encoding order (the decoder keeps wire order, spec §3.4), old formats get
 * only what they hold (one CPU id, add-name true, ...), times have millisecond precision, and strings are
 * either valid Unicode or {@link RawText#decode decoded} arbitrary bytes (both re-encode to their bytes).
 * Public for the state, certificate and fuzz tests.
 */
public final class WireGen {
    private static final String LABEL_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-";
    private static final long OCAML_MAX_INT = (1L << 62) - 1;
    private static final long OCAML_MIN_INT = -(1L << 62);

    private WireGen() {
    }

    // ---- primitives --------------------------------------------------------------------------------------

    /** Any Java int: INTEGERs we narrow to 32 bits (sizes, CPU ids, exit codes). */
    public static Gen<Integer> anyInt() {
        return Gen.ints(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** OCaml's 63-bit int range, what an INTEGER may hold (spec §3.6). */
    public static Gen<Long> ocamlInt() {
        return Gen.longs(OCAML_MIN_INT, OCAML_MAX_INT);
    }

    /** Any 64-bit value (8-byte OCTET STRING fields). */
    public static Gen<Long> anyLong() {
        return Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** Strings that survive encode-then-decode: ASCII (with control characters), valid Unicode, raw bytes. */
    public static Gen<String> text() {
        Gen<String> ascii = r -> {
            char[] c = new char[Gen.sizes(0, 12).next(r)];
            for (int i = 0; i < c.length; i++) {
                c[i] = (char) (r.nextInt(8) == 0 ? r.nextInt(0x80) : r.nextInt(0x20, 0x7F));
            }
            return new String(c);
        };
        Gen<String> unicode = r -> {
            StringBuilder s = new StringBuilder();
            int n = Gen.sizes(0, 8).next(r);
            for (int i = 0; i < n; i++) {
                int cp = switch (r.nextInt(4)) {
                    case 0 -> r.nextInt(0x80, 0x800);
                    case 1 -> r.nextInt(0x800, 0xD800);
                    case 2 -> r.nextInt(0xE000, 0x10000);
                    default -> r.nextInt(0x10000, 0x110000);
                };
                s.appendCodePoint(cp);
            }
            return s.toString();
        };
        Gen<String> raw = Gen.bytes(0, 12).map(RawText::decode);
        return Gen.oneOf(ascii, ascii, unicode, raw);
    }

    /** Labels of 1 to 63 characters, mixed case (the record lowercases). */
    public static Gen<Label> label() {
        return r -> {
            int n = r.nextInt(8) == 0 ? r.nextInt(1, Label.MAX_LENGTH + 1) : r.nextInt(1, 9);
            StringBuilder s = new StringBuilder(n);
            s.append(LABEL_CHARS.charAt(r.nextInt(LABEL_CHARS.length() - 1))); // anything but '-' first
            for (int i = 1; i < n; i++) {
                s.append(LABEL_CHARS.charAt(r.nextInt(LABEL_CHARS.length())));
            }
            return Label.of(s.toString());
        };
    }

    public static Gen<Path> path() {
        return label().list(0, 3).map(Path::new);
    }

    public static Gen<Name> name() {
        Gen<Path> path = path();
        Gen<Optional<Label>> label = label().optional();
        return r -> new Name(path.next(r), label.next(r));
    }

    /** Instants of years 0000 to 9999 at millisecond precision, often near now. */
    public static Gen<Instant> instant() {
        long min = GeneralizedTime.MIN.toEpochMilli();
        long max = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
        Gen<Long> millis = Gen.oneOf(Gen.longs(min, max), Gen.longs(0, 4_102_444_800_000L),
                Gen.elements(min, max, 0L, 1L, 999L, 1000L, -1L));
        return millis.map(Instant::ofEpochMilli);
    }

    public static Gen<Bytes> bytes(int max) {
        return Gen.bytes(0, max).map(Bytes::copyOf);
    }

    public static Gen<Mac> mac() {
        return Gen.bytes(6, 6).map(Mac::new);
    }

    /** {@code values} ordered as DER orders SET OF members: by their encodings, bytewise (spec §3.4). */
    public static <T> List<T> inEncodingOrder(List<T> values, Function<? super T, DerNode> encoder) {
        List<T> sorted = new ArrayList<>(values);
        sorted.sort((a, b) -> Arrays.compareUnsigned(encoder.apply(a).encode(), encoder.apply(b).encode()));
        return sorted;
    }

    // ---- configuration pieces ----------------------------------------------------------------------------

    public static Gen<Policy> policy() {
        Gen<List<Integer>> cpuids = anyInt().list(0, 4);
        Gen<OptionalInt> block = Gen.optionalInt(anyInt());
        Gen<List<String>> bridges = text().list(0, 3);
        return r -> new Policy(ocamlInt().next(r), cpuids.next(r), anyInt().next(r), block.next(r), bridges.next(r));
    }

    public static Gen<FailBehaviour> failBehaviour() {
        return Gen.oneOf(Gen.constant(new FailBehaviour.Quit()), anyInt().list(0, 4).map(FailBehaviour.Restart::new));
    }

    public static Gen<BlockDevice> blockDevice() {
        Gen<Optional<String>> device = text().optional();
        Gen<OptionalInt> sector = Gen.optionalInt(anyInt());
        return r -> new BlockDevice(text().next(r), device.next(r), sector.next(r));
    }

    public static Gen<NetIf> netIf() {
        Gen<Optional<String>> bridge = text().optional();
        Gen<Optional<Mac>> mac = mac().optional();
        return r -> new NetIf(text().next(r), bridge.next(r), mac.next(r));
    }

    private static Gen<List<BlockDevice>> blocks() {
        return blockDevice().list(0, 3).map(l -> inEncodingOrder(l, UnikernelConfigCodec::blockDevice));
    }

    private static Gen<List<NetIf>> bridges() {
        return netIf().list(0, 3).map(l -> inEncodingOrder(l, UnikernelConfigCodec::netIf));
    }

    private static Gen<List<Integer>> oneCpuid() {
        return anyInt().map(List::of);
    }

    /**
     * Configurations {@code format} can carry (spec §5.3). V1 and V2 (state files only) hold block names, V1
     * bridge names and V2 (netif, bridge) pairs in wire order; V0 cannot be encoded at all.
     */
    public static Gen<UnikernelConfig> config(ConfigFormat format) {
        Gen<Typ> typ = Gen.elements(Typ.values());
        Gen<Optional<List<String>>> arguments = text().list(0, 3).optional();
        Gen<OptionalInt> startup = Gen.optionalInt(anyInt());
        Gen<List<BlockDevice>> names = text().list(0, 3).map(l -> inEncodingOrder(l, DerNode::utf8).stream()
                .map(BlockDevice::of).toList());
        return r -> {
            UnikernelConfig.Builder b = UnikernelConfig.builder().typ(typ.next(r)).compressed(r.nextBoolean())
                    .image(bytes(40).next(r)).failBehaviour(failBehaviour().next(r)).memoryMb(anyInt().next(r))
                    .arguments(arguments.next(r));
            switch (format) {
                case V0 -> throw new IllegalArgumentException("V0 configurations cannot be encoded");
                case V1 -> b.startup(OptionalInt.empty()).addName(true).cpuids(oneCpuid().next(r))
                        .blocks(names.next(r)).bridges(text().list(0, 3).next(r).stream()
                                .sorted((x, y) -> Arrays.compareUnsigned(DerNode.utf8(x).encode(),
                                        DerNode.utf8(y).encode()))
                                .map(NetIf::of).toList())
                        .cpus(OptionalInt.of(1));
                case V2 -> b.startup(OptionalInt.empty()).addName(true).cpuids(oneCpuid().next(r))
                        .blocks(names.next(r))
                        .bridges(text().list(0, 3).next(r).stream()
                                .map(n -> new NetIf(n, text().optional().next(r), Optional.empty())).toList())
                        .cpus(OptionalInt.of(1));
                case V3 -> b.startup(OptionalInt.empty()).addName(true).cpuids(oneCpuid().next(r))
                        .blocks(blocks().next(r)).bridges(bridges().next(r)).cpus(OptionalInt.of(1));
                case V4 -> b.startup(startup.next(r)).addName(r.nextBoolean()).cpuids(oneCpuid().next(r))
                        .blocks(blocks().next(r)).bridges(bridges().next(r)).cpus(OptionalInt.of(1));
                case V5 -> b.startup(startup.next(r)).addName(r.nextBoolean()).cpuids(anyInt().list(0, 4).next(r))
                        .blocks(blocks().next(r)).bridges(bridges().next(r)).cpus(Gen.optionalInt(anyInt()).next(r))
                        .linuxBootPartition(text().optional().next(r));
            }
            return b.build();
        };
    }

    /** Restart arguments {@code format} can carry (V0: no startup, add-name true; V0 and V1: one CPU id). */
    public static Gen<UnikernelArguments> arguments(UnikernelArguments.Format format) {
        Gen<Optional<List<String>>> argv = text().list(0, 3).optional();
        return r -> {
            FailBehaviour fb = failBehaviour().next(r);
            int memory = anyInt().next(r);
            return switch (format) {
                case V0 -> new UnikernelArguments(fb, OptionalInt.empty(), true, oneCpuid().next(r), memory,
                        blocks().next(r), bridges().next(r), argv.next(r), OptionalInt.of(1), Optional.empty());
                case V1 -> new UnikernelArguments(fb, Gen.optionalInt(anyInt()).next(r), r.nextBoolean(),
                        oneCpuid().next(r), memory, blocks().next(r), bridges().next(r), argv.next(r),
                        OptionalInt.of(1), Optional.empty());
                case CURRENT -> new UnikernelArguments(fb, Gen.optionalInt(anyInt()).next(r), r.nextBoolean(),
                        anyInt().list(0, 4).next(r), memory, blocks().next(r), bridges().next(r), argv.next(r),
                        Gen.optionalInt(anyInt()).next(r), text().optional().next(r));
            };
        };
    }

    /** Info as {@code format} carries it: InfoV4 has no startup; InfoV4 and InfoV5 one CPU id and no [4]/[5]. */
    static Gen<Info> info(InfoCodec.Format format) {
        Gen<Info.Block> block = r -> new Info.Block(text().next(r), text().next(r), anyInt().next(r),
                anyInt().next(r));
        Gen<Info.Bridge> bridge = r -> new Info.Bridge(text().next(r), text().next(r), mac().next(r));
        Gen<List<Info.Block>> blocks = block.list(0, 3).map(l -> inEncodingOrder(l, b -> DerNode.sequence(
                DerNode.utf8(b.unikernelDevice()), DerNode.utf8(b.hostDevice()), DerNode.integer(b.sectorSize()),
                DerNode.integer(b.sizeMb()))));
        Gen<List<Info.Bridge>> bridges = bridge.list(0, 3).map(l -> inEncodingOrder(l, b -> DerNode.sequence(
                DerNode.utf8(b.unikernelDevice()), DerNode.utf8(b.hostDevice()), UnikernelConfigCodec.mac(b.mac()))));
        boolean current = format == InfoCodec.Format.CURRENT;
        return r -> new Info(Gen.elements(Typ.values()).next(r),
                format == InfoCodec.Format.V4 ? OptionalInt.empty() : Gen.optionalInt(anyInt()).next(r),
                failBehaviour().next(r), current ? anyInt().list(0, 4).next(r) : oneCpuid().next(r),
                anyInt().next(r), bytes(40).next(r), blocks.next(r), bridges.next(r),
                text().list(0, 3).optional().next(r), instant().optional().next(r),
                current ? Gen.optionalInt(anyInt()).next(r) : OptionalInt.empty(),
                current ? text().optional().next(r) : Optional.empty());
    }

    // ---- statistics --------------------------------------------------------------------------------------

    private static Gen<Timeval> timeval() {
        return r -> new Timeval(anyLong().next(r), ocamlInt().next(r));
    }

    private static Gen<Data.Statistics> statistics() {
        Gen<Rusage> rusage = r -> new Rusage(timeval().next(r), timeval().next(r), anyLong().next(r),
                anyLong().next(r), anyLong().next(r), anyLong().next(r), anyLong().next(r), anyLong().next(r),
                anyLong().next(r), anyLong().next(r), anyLong().next(r), anyLong().next(r), anyLong().next(r),
                anyLong().next(r), anyLong().next(r), anyLong().next(r));
        Gen<IfData> ifdata = r -> new IfData(text().next(r), anyInt().next(r), anyInt().next(r), anyInt().next(r),
                anyInt().next(r), anyInt().next(r), anyLong().next(r), anyLong().next(r), anyLong().next(r),
                anyLong().next(r), anyLong().next(r), anyLong().next(r), anyLong().next(r), anyLong().next(r),
                anyLong().next(r), anyLong().next(r), anyLong().next(r), anyLong().next(r));
        Gen<KinfoMem> kinfo = r -> new KinfoMem(anyLong().next(r), anyLong().next(r), anyLong().next(r),
                anyLong().next(r), anyLong().next(r), anyLong().next(r), ocamlInt().next(r), timeval().next(r));
        Gen<VmmStat> vmm = r -> new VmmStat(text().next(r), anyLong().next(r));
        return r -> new Data.Statistics(rusage.next(r), ifdata.list(0, 3).next(r), vmm.list(0, 3).optional().next(r),
                kinfo.optional().next(r));
    }

    // ---- the registry ------------------------------------------------------------------------------------

    /**
     * A generator for every alternative of every sealed choice of the grammar (the records implementing
     * Payload, its Command groups, Success, Data, and FailBehaviour), keyed by the record's class. Create and
     * ForceCreate cover configuration formats V3, V4 and V5; Restart covers no arguments and all three
     * argument formats.
     */
    public static Map<Class<?>, Gen<?>> alternatives() {
        Map<Class<?>, Gen<?>> m = new LinkedHashMap<>();
        m.put(ConsoleCmd.Add.class, ocamlInt().map(ConsoleCmd.Add::new));
        m.put(ConsoleCmd.SubscribeSince.class, instant().map(ConsoleCmd.SubscribeSince::new));
        m.put(ConsoleCmd.SubscribeCount.class, ocamlInt().map(ConsoleCmd.SubscribeCount::new));
        m.put(ConsoleCmd.ListInactive.class, Gen.constant(new ConsoleCmd.ListInactive()));

        Gen<StatsCmd.Interface> iface = r -> new StatsCmd.Interface(text().next(r), text().next(r));
        m.put(StatsCmd.Add.class, r -> new StatsCmd.Add(text().next(r), anyInt().next(r), iface.list(0, 3).next(r)));
        m.put(StatsCmd.Remove.class, Gen.constant(new StatsCmd.Remove()));
        m.put(StatsCmd.Subscribe.class, Gen.constant(new StatsCmd.Subscribe()));
        m.put(StatsCmd.Initial.class, Gen.constant(new StatsCmd.Initial()));

        Gen<ConfigFormat> commandFormats = Gen.elements(ConfigFormat.V3, ConfigFormat.V4, ConfigFormat.V5);
        m.put(UnikernelCmd.Destroy.class, Gen.constant(new UnikernelCmd.Destroy()));
        m.put(UnikernelCmd.Create.class, commandFormats.flatMap(f -> config(f).map(c -> new UnikernelCmd.Create(c, f))));
        m.put(UnikernelCmd.ForceCreate.class,
                commandFormats.flatMap(f -> config(f).map(c -> new UnikernelCmd.ForceCreate(c, f))));
        m.put(UnikernelCmd.Get.class, anyInt().map(UnikernelCmd.Get::new));
        m.put(UnikernelCmd.Restart.class, Gen.oneOf(
                Gen.elements(UnikernelArguments.Format.values())
                        .map(f -> new UnikernelCmd.Restart(Optional.empty(), f)),
                Gen.elements(UnikernelArguments.Format.values())
                        .flatMap(f -> arguments(f).map(a -> new UnikernelCmd.Restart(Optional.of(a), f)))));
        m.put(UnikernelCmd.OldInfo4.class, Gen.constant(new UnikernelCmd.OldInfo4()));
        m.put(UnikernelCmd.OldInfo5.class, Gen.constant(new UnikernelCmd.OldInfo5()));
        m.put(UnikernelCmd.Info.class, Gen.constant(new UnikernelCmd.Info()));

        m.put(PolicyCmd.Info.class, Gen.constant(new PolicyCmd.Info()));
        m.put(PolicyCmd.Add.class, policy().map(PolicyCmd.Add::new));
        m.put(PolicyCmd.Remove.class, Gen.constant(new PolicyCmd.Remove()));

        m.put(BlockCmd.Info.class, Gen.constant(new BlockCmd.Info()));
        m.put(BlockCmd.Add.class, anyInt().map(BlockCmd.Add::new));
        m.put(BlockCmd.Remove.class, Gen.constant(new BlockCmd.Remove()));
        m.put(BlockCmd.OldAdd.class,
                r -> new BlockCmd.OldAdd(anyInt().next(r), r.nextBoolean(), bytes(40).optional().next(r)));
        m.put(BlockCmd.OldSet.class, r -> new BlockCmd.OldSet(r.nextBoolean(), bytes(40).next(r)));
        m.put(BlockCmd.OldDump.class, anyInt().map(BlockCmd.OldDump::new));
        m.put(BlockCmd.Dump.class, anyInt().map(BlockCmd.Dump::new));
        m.put(BlockCmd.Set.class, Gen.booleans().map(BlockCmd.Set::new));

        Gen<Success.InfoEntry> info4 = r -> new Success.InfoEntry(name().next(r), info(InfoCodec.Format.V4).next(r));
        Gen<Success.InfoEntry> info5 = r -> new Success.InfoEntry(name().next(r), info(InfoCodec.Format.V5).next(r));
        Gen<Success.InfoEntry> infoCurrent =
                r -> new Success.InfoEntry(name().next(r), info(InfoCodec.Format.CURRENT).next(r));
        m.put(Success.Empty.class, Gen.constant(new Success.Empty()));
        m.put(Success.Message.class, text().map(Success.Message::new));
        m.put(Success.Policies.class, ((Gen<Success.PolicyEntry>) r -> new Success.PolicyEntry(name().next(r),
                policy().next(r))).list(0, 3).map(Success.Policies::new));
        m.put(Success.BlockDevices.class, ((Gen<Success.BlockDeviceEntry>) r -> new Success.BlockDeviceEntry(
                name().next(r), anyInt().next(r), r.nextBoolean())).list(0, 3).map(Success.BlockDevices::new));
        m.put(Success.UnikernelImage.class, r -> new Success.UnikernelImage(r.nextBoolean(), bytes(40).next(r)));
        m.put(Success.OldBlockDeviceImage.class,
                r -> new Success.OldBlockDeviceImage(r.nextBoolean(), bytes(40).next(r)));
        m.put(Success.OldUnikernelInfo4.class, info4.list(0, 2).map(Success.OldUnikernelInfo4::new));
        m.put(Success.BlockDeviceImage.class, Gen.booleans().map(Success.BlockDeviceImage::new));
        m.put(Success.OldUnikernelInfo5.class, info5.list(0, 2).map(Success.OldUnikernelInfo5::new));
        m.put(Success.Consoles.class, name().list(0, 4).map(Success.Consoles::new));
        m.put(Success.UnikernelInfo.class, infoCurrent.list(0, 2).map(Success.UnikernelInfo::new));

        m.put(Data.Statistics.class, statistics());
        m.put(Data.Console.class, r -> new Data.Console(instant().next(r), text().next(r)));
        m.put(Data.BlockData.class, bytes(40).optional().map(Data.BlockData::new));

        m.put(Failure.class, text().map(Failure::new));

        m.put(FailBehaviour.Quit.class, Gen.constant(new FailBehaviour.Quit()));
        m.put(FailBehaviour.Restart.class, anyInt().list(0, 4).map(FailBehaviour.Restart::new));
        return m;
    }

    /** Any payload: every alternative equally often. */
    public static Gen<Payload> payload() {
        return union(Payload.class);
    }

    /** Any command: every alternative of every command group equally often. */
    public static Gen<Command> command() {
        return union(Command.class);
    }

    public static Gen<Header> header() {
        return r -> Header.of(anyLong().next(r), name().next(r));
    }

    public static Gen<Wire> wire() {
        Gen<Payload> payload = payload();
        return r -> new Wire(header().next(r), payload.next(r));
    }

    private static <T> Gen<T> union(Class<T> type) {
        List<Gen<T>> gens = new ArrayList<>();
        alternatives().forEach((c, g) -> {
            if (type.isAssignableFrom(c)) {
                gens.add(r -> type.cast(g.next(r)));
            }
        });
        return Gen.oneOf(gens);
    }
}
