package dev.albatross.protocol.wire;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.der.DerNode;
import dev.albatross.protocol.der.DerReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** {@link Info} in its three formats: current ([13]), InfoV5 ([11]) and InfoV4 ([9]) (spec §5.4). */
final class InfoCodec {
    /** Which success tag, and so which Info grammar. */
    enum Format { V4, V5, CURRENT }

    private InfoCodec() {
    }

    static DerNode node(Info info, Format format) {
        List<DerNode> f = new ArrayList<>(12);
        f.add(UnikernelConfigCodec.typ(info.typ()));
        if (format != Format.V4) {
            info.startup().ifPresent(s -> f.add(DerNode.integer(s)));
        }
        f.add(UnikernelConfigCodec.failBehaviour(info.failBehaviour()));
        if (format == Format.CURRENT) {
            f.add(Primitives.intSet(info.cpuids()));
        } else {
            // Compat §13.2 #9: Albatross raises here; our daemon checks first and answers a Failure instead.
            if (info.cpuids().size() != 1) {
                throw new IllegalArgumentException("expected a single CPUid for " + format + " unikernel info");
            }
            f.add(DerNode.integer(info.cpuids().get(0)));
        }
        f.add(DerNode.integer(info.memoryMb()));
        f.add(DerNode.octets(info.digest()));
        if (!info.blocks().isEmpty()) {
            List<DerNode> blocks = new ArrayList<>(info.blocks().size());
            for (Info.Block b : info.blocks()) {
                blocks.add(DerNode.sequence(DerNode.utf8(b.unikernelDevice()), DerNode.utf8(b.hostDevice()),
                        DerNode.integer(b.sectorSize()), DerNode.integer(b.sizeMb())));
            }
            f.add(DerNode.context(0, DerNode.setOf(blocks)));
        }
        if (!info.bridges().isEmpty()) {
            List<DerNode> bridges = new ArrayList<>(info.bridges().size());
            for (Info.Bridge b : info.bridges()) {
                bridges.add(DerNode.sequence(DerNode.utf8(b.unikernelDevice()), DerNode.utf8(b.hostDevice()),
                        UnikernelConfigCodec.mac(b.mac())));
            }
            f.add(DerNode.context(1, DerNode.setOf(bridges)));
        }
        Primitives.addArguments(f, 2, info.arguments());
        info.started().ifPresent(t -> f.add(DerNode.context(3, DerNode.time(t))));
        if (format == Format.CURRENT) {
            info.cpus().ifPresent(n -> f.add(DerNode.context(4, DerNode.integer(n))));
            info.linuxBootPartition().ifPresent(p -> f.add(DerNode.context(5, DerNode.utf8(p))));
        }
        return DerNode.sequence(f);
    }

    static Info read(DerReader in, Format format) {
        in.enter(DerReader.SEQUENCE, format == Format.CURRENT ? "Info" : "Info" + format.name());
        Typ typ = UnikernelConfigCodec.typ(in);
        OptionalInt startup = OptionalInt.empty();
        if (format != Format.V4 && in.peekTag() == DerReader.INTEGER) {
            startup = OptionalInt.of(Primitives.int32Checked(in, "startup"));
        }
        FailBehaviour fb = UnikernelConfigCodec.failBehaviour(in);
        List<Integer> cpuids = format == Format.CURRENT ? Primitives.intSet(in, "cpuids")
                : List.of(in.intIn("cpuid", Integer.MIN_VALUE, Integer.MAX_VALUE));
        int memory = Primitives.int32Checked(in, "memory");
        Bytes digest = in.octets("digest");
        List<Info.Block> blocks = new ArrayList<>();
        if (in.peekContext(0)) {
            in.enterContext(0, "blocks");
            in.enter(DerReader.SET, "SET");
            while (in.hasNextElement()) {
                in.enter(DerReader.SEQUENCE, "element");
                blocks.add(new Info.Block(in.utf8("unikernel-device"), in.utf8("host-device"),
                        Primitives.int32Checked(in, "sector-size"), Primitives.int32Checked(in, "block-size")));
                in.leave();
            }
            in.leave();
            in.leave();
        }
        List<Info.Bridge> bridges = new ArrayList<>();
        if (in.peekContext(1)) {
            in.enterContext(1, "bridges");
            in.enter(DerReader.SET, "SET");
            while (in.hasNextElement()) {
                in.enter(DerReader.SEQUENCE, "element");
                bridges.add(new Info.Bridge(in.utf8("unikernel-device"), in.utf8("host-device"),
                        UnikernelConfigCodec.mac(in, "mac")));
                in.leave();
            }
            in.leave();
            in.leave();
        }
        Optional<List<String>> arguments = Primitives.optionalArguments(in, 2);
        Optional<Instant> started = Optional.empty();
        if (in.peekContext(3)) {
            in.enterContext(3, "started");
            started = Optional.of(in.time("GeneralizedTime"));
            in.leave();
        }
        OptionalInt cpus = OptionalInt.empty();
        Optional<String> boot = Optional.empty();
        if (format == Format.CURRENT) {
            if (in.peekContext(4)) {
                in.enterContext(4, "cpus");
                cpus = OptionalInt.of(Primitives.int32Checked(in, "INTEGER"));
                in.leave();
            }
            if (in.peekContext(5)) {
                in.enterContext(5, "linux-boot-partition");
                boot = Optional.of(in.utf8("UTF8String"));
                in.leave();
            }
        }
        in.leave();
        return new Info(typ, startup, fb, cpuids, memory, digest, blocks, bridges, arguments, started, cpus, boot);
    }
}
