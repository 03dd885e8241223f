package dev.albatross.client.inspect;

import dev.albatross.protocol.wire.BlockDevice;
import dev.albatross.protocol.wire.FailBehaviour;
import dev.albatross.protocol.wire.NetIf;
import dev.albatross.protocol.wire.Policy;
import dev.albatross.protocol.wire.Typ;
import dev.albatross.protocol.wire.UnikernelArguments;
import dev.albatross.protocol.wire.UnikernelConfig;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Unikernel configurations, restart arguments and policies (spec §5.2, §5.3), field by field in wire order,
 * under the spec's field names. Absent OPTIONAL fields are shown as absent, with the default the spec gives.
 */
final class ConfigText {
    private ConfigText() {
    }

    static String typ(Typ typ) {
        return switch (typ) {
            case SOLO5 -> "solo5";
            case BHYVE -> "bhyve";
        };
    }

    static String failBehaviour(FailBehaviour behaviour) {
        return switch (behaviour.kind()) {
            case QUIT -> "quit";
            case RESTART -> {
                FailBehaviour.Restart restart = (FailBehaviour.Restart) behaviour;
                // An empty set on the wire means "every code but 1 and 60-64" (spec §5.3).
                yield restart.onAllCodes() ? "restart on any exit code but 1 and 60-64"
                        : "restart on exit codes " + FieldText.numbers(restart.exitCodes());
            }
        };
    }

    /** {@code UnikernelConfig}: typ, compressed, image, startup, add-name, fail-behaviour, cpuids, ... */
    static void config(Lines out, UnikernelConfig c) {
        out.field("typ", typ(c.typ()));
        out.field("compressed", String.valueOf(c.compressed()));
        InflatedImage.describe(out, "image", c.compressed(), c.image());
        out.field("startup", startup(c.startup()));
        out.field("add-name", String.valueOf(c.addName()));
        out.field("fail-behaviour", failBehaviour(c.failBehaviour()));
        resources(out, c.asArguments());
    }

    /** {@code UnikernelArguments} of a restart: fail-behaviour, startup, add-name, cpuids, ... */
    static void arguments(Lines out, UnikernelArguments a) {
        out.field("fail-behaviour", failBehaviour(a.failBehaviour()));
        out.field("startup", startup(a.startup()));
        out.field("add-name", String.valueOf(a.addName()));
        resources(out, a);
    }

    /** The fields configurations and restart arguments share, from cpuids on. */
    private static void resources(Lines out, UnikernelArguments a) {
        out.field("cpuids", FieldText.numbers(a.cpuids()));
        out.field("memory", FieldText.megabytes(a.memoryMb()));
        blocks(out, a.blocks());
        bridges(out, a.bridges());
        out.field("arguments", argv(a.arguments()));
        out.field("cpus", cpus(a.cpus()));
        out.field("linux-boot-partition", a.linuxBootPartition().map(FieldText::quoted).orElse(FieldText.ABSENT));
    }

    static String startup(OptionalInt startup) {
        return startup.isPresent() ? String.valueOf(startup.getAsInt())
                : FieldText.absent("default " + UnikernelConfig.DEFAULT_STARTUP);
    }

    static String cpus(OptionalInt cpus) {
        return cpus.isPresent() ? String.valueOf(cpus.getAsInt()) : FieldText.absent("default 1");
    }

    /** The user's argv: absent (no [2] field) differs on the wire from an empty list. */
    static String argv(Optional<List<String>> arguments) {
        return arguments.map(FieldText::quoted).orElse(FieldText.ABSENT);
    }

    private static void blocks(Lines out, List<BlockDevice> blocks) {
        if (blocks.isEmpty()) {
            out.field("blocks", FieldText.NONE);
            return;
        }
        out.field("blocks", blocks.size());
        for (BlockDevice b : blocks) {
            Lines entry = out.entry();
            entry.field("name", FieldText.quoted(b.name()));
            entry.field("device", b.device().map(FieldText::quoted).orElse(FieldText.absent("same as name")));
            entry.field("sector-size", b.sectorSize().isPresent() ? String.valueOf(b.sectorSize().getAsInt())
                    : FieldText.absent("default 512"));
        }
    }

    private static void bridges(Lines out, List<NetIf> bridges) {
        if (bridges.isEmpty()) {
            out.field("bridges", FieldText.NONE);
            return;
        }
        out.field("bridges", bridges.size());
        for (NetIf n : bridges) {
            Lines entry = out.entry();
            entry.field("netif", FieldText.quoted(n.netif()));
            entry.field("bridge", n.bridge().map(FieldText::quoted).orElse(FieldText.absent("same as netif")));
            entry.field("mac", n.mac().map(Object::toString).orElse(FieldText.absent("derived from the name")));
        }
    }

    /** {@code Policy}: cpuids, unikernels, memory, block, bridges. */
    static void policy(Lines out, Policy p) {
        out.field("cpuids", FieldText.numbers(p.cpuids()));
        out.field("unikernels", p.unikernels());
        out.field("memory", FieldText.megabytes(p.memoryMb()));
        out.field("block", p.blockMb().isPresent() ? FieldText.megabytes(p.blockMb().getAsInt())
                : FieldText.absent("no block devices allowed"));
        out.field("bridges", FieldText.quoted(p.bridges()));
    }
}
