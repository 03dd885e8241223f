package dev.albatross.client.inspect;

import dev.albatross.protocol.der.RawText;
import dev.albatross.protocol.wire.Info;
import dev.albatross.protocol.wire.Typ;

/** What {@code info} reports of a unikernel (spec §5.4), in the field order of the {@code Info} grammar. */
final class InfoText {
    private InfoText() {
    }

    static void info(Lines out, Info info) {
        out.field("typ", ConfigText.typ(info.typ()));
        out.field("startup", ConfigText.startup(info.startup()));
        out.field("fail-behaviour", ConfigText.failBehaviour(info.failBehaviour()));
        out.field("cpuids", FieldText.numbers(info.cpuids()));
        out.field("memory", FieldText.megabytes(info.memoryMb()));
        // Solo5: the SHA-256 of the uncompressed image; BHyve: the VM's name (spec §5.4).
        out.field("digest", info.typ() == Typ.SOLO5 ? info.digest().toHex()
                : FieldText.quoted(RawText.decode(info.digest().toByteArray())));
        blocks(out, info);
        bridges(out, info);
        out.field("arguments", ConfigText.argv(info.arguments()));
        out.field("started", info.started().map(FieldText::time).orElse(FieldText.absent("the epoch")));
        out.field("cpus", ConfigText.cpus(info.cpus()));
        out.field("linux-boot-partition", info.linuxBootPartition().map(FieldText::quoted)
                .orElse(FieldText.ABSENT));
    }

    private static void blocks(Lines out, Info info) {
        if (info.blocks().isEmpty()) {
            out.field("blocks", FieldText.NONE);
            return;
        }
        out.field("blocks", info.blocks().size());
        for (Info.Block b : info.blocks()) {
            Lines entry = out.entry();
            entry.field("unikernel-device", FieldText.quoted(b.unikernelDevice()));
            entry.field("host-device", FieldText.quoted(b.hostDevice()));
            entry.field("sector-size", b.sectorSize());
            entry.field("size", FieldText.megabytes(b.sizeMb()));
        }
    }

    private static void bridges(Lines out, Info info) {
        if (info.bridges().isEmpty()) {
            out.field("bridges", FieldText.NONE);
            return;
        }
        out.field("bridges", info.bridges().size());
        for (Info.Bridge b : info.bridges()) {
            Lines entry = out.entry();
            entry.field("unikernel-device", FieldText.quoted(b.unikernelDevice()));
            entry.field("host-device", FieldText.quoted(b.hostDevice()));
            entry.field("mac", b.mac().toString());
        }
    }
}
