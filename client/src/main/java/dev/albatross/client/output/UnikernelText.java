package dev.albatross.client.output;

import dev.albatross.protocol.name.Mac;
import dev.albatross.protocol.wire.BlockDevice;
import dev.albatross.protocol.wire.FailBehaviour;
import dev.albatross.protocol.wire.Info;
import dev.albatross.protocol.wire.NetIf;
import dev.albatross.protocol.wire.Policy;
import dev.albatross.protocol.wire.Typ;
import dev.albatross.protocol.wire.UnikernelArguments;
import dev.albatross.protocol.wire.UnikernelConfig;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiConsumer;

/**
 * Albatross's printers of unikernel configurations, restart arguments, info records and policies
 * ({@code Vmm_core.Unikernel.pp_config}, {@code pp_arguments}, {@code pp_info}, {@code Policy.pp}), with their
 * break hints, so that lines wrap where Albatross's do.
 */
public final class UnikernelText {
    private UnikernelText() {
    }

    static String typ(Typ typ) {
        return switch (typ) {
            case SOLO5 -> "solo5";
            case BHYVE -> "BHyve";
        };
    }

    /** {@code pp_fail_behaviour}. */
    public static String failBehaviour(FailBehaviour fb) {
        return switch (fb.kind()) {
            case QUIT -> "quit";
            case RESTART -> {
                FailBehaviour.Restart r = (FailBehaviour.Restart) fb;
                yield "restart " + (r.onAllCodes() ? "all except 1" : OcamlText.ints(r.exitCodes(), ", "));
            }
        };
    }

    private static String optInt(OptionalInt value) {
        return value.isPresent() ? Integer.toString(value.getAsInt()) : "not specified";
    }

    private static String block(BlockDevice b) {
        return b.name() + " -> " + b.hostDevice()
                + (b.sectorSize().isPresent() ? ", sector-size: " + b.sectorSize().getAsInt() : "");
    }

    private static String bridge(NetIf n) {
        return n.netif() + " -> " + n.hostBridge() + n.mac().map(m -> "@" + m).orElse("");
    }

    private static <T> void list(PrettyPrinter p, List<T> items, String sep, BiConsumer<PrettyPrinter, T> item) {
        boolean first = true;
        for (T t : items) {
            if (!first) {
                p.text(sep);
            }
            first = false;
            item.accept(p, t);
        }
    }

    private static void argv(PrettyPrinter p, Optional<List<String>> argv) {
        p.space().text("argv ");
        if (argv.isEmpty()) {
            p.text("no");
        } else {
            list(p, argv.get(), " ", PrettyPrinter::text);
        }
    }

    /** {@code pp_config}, and with {@code withArgv} {@code pp_config_with_argv}. */
    public static void config(PrettyPrinter p, UnikernelConfig c, boolean withArgv) {
        p.text("typ " + typ(c.typ())).space()
                .text("compression " + OcamlText.bool(c.compressed()) + " image " + c.image().length() + " bytes")
                .space().text("fail behaviour " + failBehaviour(c.failBehaviour())).space()
                .text("startup at " + optInt(c.startup())).space()
                .text("add_name " + OcamlText.bool(c.addName())).space()
                .text("CPUids " + OcamlText.ints(c.cpuids(), ", ")).space()
                .text(c.memoryMb() + " MB memory").space().text("block devices ");
        list(p, c.blocks(), ", ", (q, b) -> q.text(block(b)));
        p.space().text("bridge ");
        list(p, c.bridges(), ", ", (q, n) -> q.text(bridge(n)));
        p.space().text("#cpus " + OcamlText.unsigned(c.effectiveCpus())).space()
                .text("linux_boot " + c.linuxBootPartition().orElse("not specified"));
        if (withArgv) {
            argv(p, c.arguments());
        }
    }

    /** {@code pp_arguments}, and with {@code withArgv} {@code pp_arguments_with_argv}. */
    public static void arguments(PrettyPrinter p, UnikernelArguments a, boolean withArgv) {
        p.text("fail behaviour " + failBehaviour(a.failBehaviour())).space()
                .text("startup at " + optInt(a.startup())).space()
                .text("add_name " + OcamlText.bool(a.addName())).space()
                .text("CPUids " + OcamlText.ints(a.cpuids(), ", ")).space()
                .text(a.memoryMb() + " MB memory").space().text("block devices ");
        list(p, a.blocks(), ", ", (q, b) -> q.text(block(b)));
        p.space().text("bridge ");
        list(p, a.bridges(), ", ", (q, n) -> q.text(bridge(n)));
        p.space().text("#cpus " + OcamlText.unsigned(a.cpus().orElse(1))).space()
                .text("linux_boot_partition " + a.linuxBootPartition().orElse("not specified"));
        if (withArgv) {
            argv(p, a.arguments());
        }
    }

    /** {@code pp_info}, and with {@code withArgv} {@code pp_info_with_argv}. */
    public static void info(PrettyPrinter p, Info info, boolean withArgv) {
        p.text("typ " + typ(info.typ())).space()
                .text("started " + OcamlText.rfc3339(info.started().orElse(Instant.EPOCH))).space()
                .text("fail behaviour " + failBehaviour(info.failBehaviour())).space()
                .text("startup at " + optInt(info.startup())).space()
                .text("CPUids " + OcamlText.ints(info.cpuids(), ", ")).space()
                .text(OcamlText.unsigned(info.memoryMb()) + " MB memory").space().text("block devices ");
        list(p, info.blocks(), ", ", (q, b) -> q.text(b.unikernelDevice() + " -> " + b.hostDevice()
                + " (sector-size: " + OcamlText.unsigned(b.sectorSize()) + " bytes, size "
                + OcamlText.unsigned(b.sizeMb()) + " MB)"));
        p.space().text("bridge ");
        list(p, info.bridges(), ", ", (q, n) -> q.text(n.unikernelDevice() + " -> " + n.hostDevice() + " (mac "
                + macText(n.mac()) + ")"));
        p.space().text(digest(info)).space()
                .text("#cpus " + OcamlText.unsigned(info.cpus().orElse(1))).space()
                .text("linux_boot_partition " + info.linuxBootPartition().orElse("not specified"));
        if (withArgv) {
            argv(p, info.arguments());
        }
    }

    private static String macText(Mac mac) {
        return mac.toString();
    }

    private static String digest(Info info) {
        return switch (info.typ()) {
            case SOLO5 -> "digest " + info.digest().toHex();
            case BHYVE -> "bhyve-vmname " + dev.albatross.protocol.der.RawText.decode(info.digest().toByteArray());
        };
    }

    /** {@code Policy.pp}: {@code policy: 3 unikernels 0,1 CPUids 256 MB memory 100 MB block, bridges: albr0}. */
    public static String policy(Policy p) {
        StringBuilder s = new StringBuilder("policy: ").append(p.unikernels()).append(" unikernels ")
                .append(OcamlText.ints(p.cpuids(), ",")).append(" CPUids ")
                .append(OcamlText.unsigned(p.memoryMb())).append(" MB memory ")
                .append(p.blockMb().isPresent() ? p.blockMb().getAsInt() + " MB" : "no").append(" block");
        if (!p.bridges().isEmpty()) {
            s.append(", bridges: ").append(String.join(", ", p.bridges()));
        }
        return s.toString();
    }
}
