package dev.albatross.protocol.wire;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.der.DerNode;
import dev.albatross.protocol.der.DerReader;
import dev.albatross.protocol.name.Mac;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Unikernel configurations in all six grammar versions, restart arguments in their three, and the pieces
 * they share: Typ, FailBehaviour, BlockDev, NetIf (spec §5.3). Public because state files
 * ({@code protocol.state}) persist configurations.
 *
 * <p>Old formats are written as Albatross writes them: what the format cannot carry (startup, add-name,
 * cpus, device names in V1/V2) is dropped, and a configuration with other than exactly one CPU id cannot be
 * written in a format with a single {@code cpuid} field.
 */
public final class UnikernelConfigCodec {
    private UnikernelConfigCodec() {
    }

    // ---- Typ, FailBehaviour ------------------------------------------------------------------------------

    static DerNode typ(Typ typ) {
        int tag = switch (typ) {
            case SOLO5 -> 0;
            case BHYVE -> 1;
        };
        return DerNode.context(tag, DerNode.nul());
    }

    static Typ typ(DerReader in) {
        int tag = in.peekTag();
        if (tag == DerReader.context(0)) {
            in.enterContext(0, "typ");
            in.nul("solo5");
            in.leave();
            return Typ.SOLO5;
        } else if (tag == DerReader.context(1)) {
            in.enterContext(1, "typ");
            in.nul("bhyve");
            in.leave();
            return Typ.BHYVE;
        }
        throw in.fault("typ", "expected [0] solo5 or [1] bhyve");
    }

    static DerNode failBehaviour(FailBehaviour fb) {
        return switch (fb.kind()) {
            case QUIT -> DerNode.context(0, DerNode.nul());
            case RESTART -> DerNode.context(1, Primitives.intSet(((FailBehaviour.Restart) fb).exitCodes()));
        };
    }

    static FailBehaviour failBehaviour(DerReader in) {
        int tag = in.peekTag();
        if (tag == DerReader.context(0)) {
            in.enterContext(0, "fail-behaviour");
            in.nul("quit");
            in.leave();
            return new FailBehaviour.Quit();
        } else if (tag == DerReader.context(1)) {
            in.enterContext(1, "fail-behaviour");
            List<Integer> codes = Primitives.intSet(in, "restart-exit-codes");
            in.leave();
            return new FailBehaviour.Restart(codes);
        }
        throw in.fault("fail-behaviour", "expected [0] quit or [1] restart");
    }

    // ---- BlockDev, NetIf ---------------------------------------------------------------------------------

    static DerNode blockDevice(BlockDevice b) {
        List<DerNode> fields = new ArrayList<>(3);
        fields.add(DerNode.utf8(b.name()));
        b.device().ifPresent(d -> fields.add(DerNode.utf8(d)));
        b.sectorSize().ifPresent(s -> fields.add(DerNode.integer(s)));
        return DerNode.sequence(fields);
    }

    static BlockDevice blockDevice(DerReader in) {
        in.enter(DerReader.SEQUENCE, "BlockDev");
        String name = in.utf8("name");
        Optional<String> device = in.peekTag() == DerReader.UTF8_STRING ? Optional.of(in.utf8("device"))
                : Optional.empty();
        OptionalInt sector = in.peekTag() == DerReader.INTEGER
                ? OptionalInt.of(Primitives.int32Checked(in, "sector-size")) : OptionalInt.empty();
        in.leave();
        return new BlockDevice(name, device, sector);
    }

    static DerNode netIf(NetIf n) {
        List<DerNode> fields = new ArrayList<>(3);
        fields.add(DerNode.utf8(n.netif()));
        n.bridge().ifPresent(b -> fields.add(DerNode.utf8(b)));
        n.mac().ifPresent(m -> fields.add(mac(m)));
        return DerNode.sequence(fields);
    }

    static NetIf netIf(DerReader in) {
        in.enter(DerReader.SEQUENCE, "NetIf");
        String netif = in.utf8("netif");
        Optional<String> bridge = in.peekTag() == DerReader.UTF8_STRING ? Optional.of(in.utf8("bridge"))
                : Optional.empty();
        Optional<Mac> mac = in.peekTag() == DerReader.OCTET_STRING ? Optional.of(mac(in, "mac")) : Optional.empty();
        in.leave();
        return new NetIf(netif, bridge, mac);
    }

    static DerNode mac(Mac mac) {
        return DerNode.octets(Bytes.wrap(mac.octets()));
    }

    /** An OCTET STRING of exactly 6 bytes (spec §3.15). */
    static Mac mac(DerReader in, String field) {
        Bytes b = in.octets(field);
        if (b.length() != 6) {
            throw in.lastElementFault("bad mac address: " + b.length() + " bytes, not 6");
        }
        return new Mac(b.toByteArray());
    }

    /** {@code [0] SET OF BlockDev OPTIONAL, [1] SET OF NetIf OPTIONAL}, omitted when empty. */
    private static void addDevices(List<DerNode> fields, List<BlockDevice> blocks, List<NetIf> bridges) {
        if (!blocks.isEmpty()) {
            List<DerNode> nodes = new ArrayList<>(blocks.size());
            blocks.forEach(b -> nodes.add(blockDevice(b)));
            fields.add(DerNode.context(0, DerNode.setOf(nodes)));
        }
        if (!bridges.isEmpty()) {
            List<DerNode> nodes = new ArrayList<>(bridges.size());
            bridges.forEach(n -> nodes.add(netIf(n)));
            fields.add(DerNode.context(1, DerNode.setOf(nodes)));
        }
    }

    private static List<BlockDevice> optionalBlocks(DerReader in) {
        List<BlockDevice> blocks = new ArrayList<>();
        if (in.peekContext(0)) {
            in.enterContext(0, "blocks");
            in.enter(DerReader.SET, "SET");
            while (in.hasNextElement()) {
                blocks.add(blockDevice(in));
            }
            in.leave();
            in.leave();
        }
        return blocks;
    }

    private static List<NetIf> optionalBridges(DerReader in) {
        List<NetIf> bridges = new ArrayList<>();
        if (in.peekContext(1)) {
            in.enterContext(1, "bridges");
            in.enter(DerReader.SET, "SET");
            while (in.hasNextElement()) {
                bridges.add(netIf(in));
            }
            in.leave();
            in.leave();
        }
        return bridges;
    }

    private static OptionalInt optionalInt(DerReader in, String field) {
        return in.peekTag() == DerReader.INTEGER ? OptionalInt.of(Primitives.int32Checked(in, field))
                : OptionalInt.empty();
    }

    private static OptionalInt optionalContextInt(DerReader in, int tag, String field) {
        if (!in.peekContext(tag)) {
            return OptionalInt.empty();
        }
        in.enterContext(tag, field);
        int value = Primitives.int32Checked(in, "INTEGER");
        in.leave();
        return OptionalInt.of(value);
    }

    private static Optional<String> optionalContextUtf8(DerReader in, int tag, String field) {
        if (!in.peekContext(tag)) {
            return Optional.empty();
        }
        in.enterContext(tag, field);
        String value = in.utf8("UTF8String");
        in.leave();
        return Optional.of(value);
    }

    private static int singleCpuid(List<Integer> cpuids, String what) {
        if (cpuids.size() != 1) {
            throw new IllegalArgumentException("expected a single CPUid for " + what + ", not " + cpuids);
        }
        return cpuids.get(0);
    }

    // ---- configurations ----------------------------------------------------------------------------------

    /** The configuration in {@code format}; V0 cannot be written (as in Albatross). */
    public static DerNode node(UnikernelConfig c, ConfigFormat format) {
        List<DerNode> f = new ArrayList<>(13);
        switch (format) {
            case V0 -> throw new IllegalArgumentException("cannot encode v0 unikernel configs");
            case V1, V2, V3 -> {
                f.add(typ(c.typ()));
                f.add(DerNode.bool(c.compressed()));
                f.add(DerNode.octets(c.image()));
                f.add(failBehaviour(c.failBehaviour()));
                f.add(DerNode.integer(singleCpuid(c.cpuids(), format.name().toLowerCase(java.util.Locale.ROOT) + " unikernel config")));
                f.add(DerNode.integer(c.memoryMb()));
                if (format == ConfigFormat.V3) {
                    addDevices(f, c.blocks(), c.bridges());
                } else {
                    addOldDevices(f, c, format);
                }
                Primitives.addArguments(f, 2, c.arguments());
            }
            case V4, V5 -> {
                f.add(typ(c.typ()));
                f.add(DerNode.bool(c.compressed()));
                f.add(DerNode.octets(c.image()));
                c.startup().ifPresent(s -> f.add(DerNode.integer(s)));
                f.add(DerNode.bool(c.addName()));
                f.add(failBehaviour(c.failBehaviour()));
                if (format == ConfigFormat.V4) {
                    f.add(DerNode.integer(singleCpuid(c.cpuids(), "v4 unikernel config")));
                } else {
                    f.add(Primitives.intSet(c.cpuids()));
                }
                f.add(DerNode.integer(c.memoryMb()));
                addDevices(f, c.blocks(), c.bridges());
                Primitives.addArguments(f, 2, c.arguments());
                if (format == ConfigFormat.V5) {
                    c.cpus().ifPresent(n -> f.add(DerNode.context(3, DerNode.integer(n))));
                    c.linuxBootPartition().ifPresent(p -> f.add(DerNode.context(4, DerNode.utf8(p))));
                }
            }
        }
        return DerNode.sequence(f);
    }

    /** V1: block and bridge names as SET OF UTF8String; V2: bridges as SEQUENCE OF (netif, bridge OPT). */
    private static void addOldDevices(List<DerNode> f, UnikernelConfig c, ConfigFormat format) {
        if (!c.blocks().isEmpty()) {
            f.add(DerNode.context(0, Primitives.utf8Set(c.blocks().stream().map(BlockDevice::name).toList())));
        }
        if (!c.bridges().isEmpty()) {
            if (format == ConfigFormat.V1) {
                f.add(DerNode.context(1, Primitives.utf8Set(c.bridges().stream().map(NetIf::netif).toList())));
            } else {
                List<DerNode> pairs = new ArrayList<>();
                for (NetIf n : c.bridges()) {
                    List<DerNode> pair = new ArrayList<>(2);
                    pair.add(DerNode.utf8(n.netif()));
                    n.bridge().ifPresent(b -> pair.add(DerNode.utf8(b)));
                    pairs.add(DerNode.sequence(pair));
                }
                f.add(DerNode.context(1, DerNode.sequence(pairs)));
            }
        }
    }

    /** Reads a configuration in {@code format}. Old formats decode as Albatross does (spec §5.3). */
    public static UnikernelConfig read(DerReader in, ConfigFormat format) {
        return switch (format) {
            case V0 -> readV0(in);
            case V1, V2, V3 -> readV1toV3(in, format);
            case V4, V5 -> readV4orV5(in, format);
        };
    }

    private static UnikernelConfig readV4orV5(DerReader in, ConfigFormat format) {
        in.enter(DerReader.SEQUENCE, "UnikernelConfig" + (format == ConfigFormat.V4 ? "V4" : ""));
        UnikernelConfig.Builder b = UnikernelConfig.builder();
        b.typ(typ(in));
        b.compressed(in.bool("compressed"));
        b.image(in.octets("image"));
        b.startup(optionalInt(in, "startup"));
        b.addName(in.bool("add-name"));
        b.failBehaviour(failBehaviour(in));
        if (format == ConfigFormat.V4) {
            b.cpuids(List.of(in.intIn("cpuid", Integer.MIN_VALUE, Integer.MAX_VALUE)));
        } else {
            b.cpuids(Primitives.intSet(in, "cpuids"));
        }
        b.memoryMb(Primitives.int32Checked(in, "memory"));
        b.blocks(optionalBlocks(in));
        b.bridges(optionalBridges(in));
        b.arguments(Primitives.optionalArguments(in, 2));
        if (format == ConfigFormat.V5) {
            b.cpus(optionalContextInt(in, 3, "cpus"));
            b.linuxBootPartition(optionalContextUtf8(in, 4, "linux-boot-partition"));
        }
        in.leave();
        return b.build();
    }

    private static UnikernelConfig readV1toV3(DerReader in, ConfigFormat format) {
        in.enter(DerReader.SEQUENCE, "UnikernelConfig" + format.name());
        UnikernelConfig.Builder b = UnikernelConfig.builder();
        b.typ(typ(in));
        b.compressed(in.bool("compressed"));
        b.image(in.octets("image"));
        b.failBehaviour(failBehaviour(in));
        b.cpuids(List.of(in.intIn("cpuid", Integer.MIN_VALUE, Integer.MAX_VALUE)));
        b.memoryMb(Primitives.int32Checked(in, "memory"));
        if (format == ConfigFormat.V3) {
            b.blocks(optionalBlocks(in));
            b.bridges(optionalBridges(in));
        } else {
            List<BlockDevice> blocks = new ArrayList<>();
            if (in.peekContext(0)) {
                in.enterContext(0, "blocks");
                Primitives.utf8Set(in, "SET").forEach(n -> blocks.add(BlockDevice.of(n)));
                in.leave();
            }
            b.blocks(blocks);
            b.bridges(format == ConfigFormat.V1 ? oldBridgeNames(in) : oldBridgePairs(in));
        }
        b.arguments(Primitives.optionalArguments(in, 2));
        in.leave();
        // Old versions had neither startup nor add-name; Albatross reads them as "absent" and "true".
        return b.addName(true).startup(OptionalInt.empty()).cpus(OptionalInt.of(1)).build();
    }

    private static List<NetIf> oldBridgeNames(DerReader in) {
        List<NetIf> bridges = new ArrayList<>();
        if (in.peekContext(1)) {
            in.enterContext(1, "bridges");
            Primitives.utf8Set(in, "SET").forEach(n -> bridges.add(NetIf.of(n)));
            in.leave();
        }
        return bridges;
    }

    private static List<NetIf> oldBridgePairs(DerReader in) {
        List<NetIf> bridges = new ArrayList<>();
        if (in.peekContext(1)) {
            in.enterContext(1, "bridges");
            in.enter(DerReader.SEQUENCE, "SEQUENCE");
            while (in.hasNextElement()) {
                in.enter(DerReader.SEQUENCE, "element");
                String netif = in.utf8("netif");
                Optional<String> bridge = in.peekTag() == DerReader.UTF8_STRING ? Optional.of(in.utf8("bridge"))
                        : Optional.empty();
                in.leave();
                bridges.add(new NetIf(netif, bridge, Optional.empty()));
            }
            in.leave();
            in.leave();
        }
        return bridges;
    }

    private static UnikernelConfig readV0(DerReader in) {
        in.enter(DerReader.SEQUENCE, "UnikernelConfigV0");
        UnikernelConfig.Builder b = UnikernelConfig.builder();
        b.cpuids(List.of(in.intIn("cpu", Integer.MIN_VALUE, Integer.MAX_VALUE)));
        b.memoryMb(Primitives.int32Checked(in, "memory"));
        if (in.peekTag() == DerReader.UTF8_STRING) {
            b.blocks(List.of(BlockDevice.of(in.utf8("block"))));
        }
        if (in.peekTag() == DerReader.SEQUENCE) {
            b.bridges(Primitives.utf8Sequence(in, "network-interfaces").stream().map(NetIf::of).toList());
        }
        int tag = in.peekTag();
        if (tag != DerReader.context(0) && tag != DerReader.context(1) && tag != DerReader.context(2)) {
            throw in.fault("image", "expected [0] hvt-amd64, [1] hvt-arm64 or [2] hvt-amd64-compressed");
        }
        int n = tag & 0x1F;
        in.enterContext(n, "image");
        b.image(in.octets("OCTET STRING"));
        in.leave();
        b.compressed(n == 2);
        if (in.peekTag() == DerReader.SEQUENCE) {
            b.arguments(Optional.of(Primitives.utf8Sequence(in, "arguments")));
        }
        in.leave();
        return b.typ(Typ.SOLO5).failBehaviour(new FailBehaviour.Quit()).addName(true).cpus(OptionalInt.of(1))
                .build();
    }

    // ---- restart arguments -------------------------------------------------------------------------------

    static DerNode arguments(UnikernelArguments a, UnikernelArguments.Format format) {
        List<DerNode> f = new ArrayList<>(10);
        f.add(failBehaviour(a.failBehaviour()));
        switch (format) {
            case V0 -> f.add(DerNode.integer(singleCpuid(a.cpuids(), "v0 unikernel arguments")));
            case V1 -> {
                a.startup().ifPresent(s -> f.add(DerNode.integer(s)));
                f.add(DerNode.bool(a.addName()));
                f.add(DerNode.integer(singleCpuid(a.cpuids(), "v1 unikernel arguments")));
            }
            case CURRENT -> {
                a.startup().ifPresent(s -> f.add(DerNode.integer(s)));
                f.add(DerNode.bool(a.addName()));
                f.add(Primitives.intSet(a.cpuids()));
            }
        }
        f.add(DerNode.integer(a.memoryMb()));
        addDevices(f, a.blocks(), a.bridges());
        Primitives.addArguments(f, 2, a.arguments());
        if (format == UnikernelArguments.Format.CURRENT) {
            a.cpus().ifPresent(n -> f.add(DerNode.context(3, DerNode.integer(n))));
            a.linuxBootPartition().ifPresent(p -> f.add(DerNode.context(4, DerNode.utf8(p))));
        }
        return DerNode.sequence(f);
    }

    static UnikernelArguments arguments(DerReader in, UnikernelArguments.Format format) {
        in.enter(DerReader.SEQUENCE, "UnikernelArguments" + (format == UnikernelArguments.Format.CURRENT ? ""
                : format.name()));
        FailBehaviour fb = failBehaviour(in);
        OptionalInt startup = OptionalInt.empty();
        boolean addName = true;
        List<Integer> cpuids;
        if (format == UnikernelArguments.Format.V0) {
            cpuids = List.of(in.intIn("cpuid", Integer.MIN_VALUE, Integer.MAX_VALUE));
        } else {
            startup = optionalInt(in, "startup");
            addName = in.bool("add-name");
            cpuids = format == UnikernelArguments.Format.V1
                    ? List.of(in.intIn("cpuid", Integer.MIN_VALUE, Integer.MAX_VALUE))
                    : Primitives.intSet(in, "cpuids");
        }
        int memory = Primitives.int32Checked(in, "memory");
        List<BlockDevice> blocks = optionalBlocks(in);
        List<NetIf> bridges = optionalBridges(in);
        Optional<List<String>> args = Primitives.optionalArguments(in, 2);
        OptionalInt cpus = OptionalInt.of(1);
        Optional<String> boot = Optional.empty();
        if (format == UnikernelArguments.Format.CURRENT) {
            cpus = optionalContextInt(in, 3, "cpus");
            boot = optionalContextUtf8(in, 4, "linux-boot-partition");
        }
        in.leave();
        return new UnikernelArguments(fb, startup, addName, cpuids, memory, blocks, bridges, args, cpus, boot);
    }
}
