package dev.albatross.client.output;

import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.Data;
import dev.albatross.protocol.wire.Failure;
import dev.albatross.protocol.wire.IfData;
import dev.albatross.protocol.wire.KinfoMem;
import dev.albatross.protocol.wire.Rusage;
import dev.albatross.protocol.wire.Success;
import dev.albatross.protocol.wire.VmmStat;
import dev.albatross.protocol.wire.Wire;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * {@code Vmm_commands.pp_wire ~verbose}: how the client prints every message it receives, e.g.
 * {@code host [unikernel: :hello]: success: created unikernel} or
 * {@code console 2026-11-22T23:28:04-00:00: guest: hello}. Lists are separated by {@code "@."}, which flushes
 * the formatter, so their elements after the first wrap differently (see {@link PrettyPrinter}).
 */
public final class ReplyText {
    private ReplyText() {
    }

    /** The whole message; with {@code verbose} (debug level) info and configurations include argv. */
    public static void wire(PrettyPrinter p, Wire w, boolean verbose) {
        String host = "host " + OcamlText.name(w.header().name()) + ": ";
        switch (w.payload().payloadKind()) {
            case COMMAND -> {
                p.text(host);
                CommandText.command(p, (Command) w.payload(), verbose);
            }
            case FAILURE -> p.text(host + "command failed " + ((Failure) w.payload()).message());
            case REPLY -> {
                p.text(host);
                success(p, (Success) w.payload(), verbose);
            }
            case DATA -> data(p, (Data) w.payload());
        }
    }

    private static <T> void lines(PrettyPrinter p, List<T> items, String empty, BiConsumer<PrettyPrinter, T> item) {
        if (items.isEmpty()) {
            p.text(empty);
            return;
        }
        boolean first = true;
        for (T t : items) {
            if (!first) {
                p.newline();
            }
            first = false;
            item.accept(p, t);
        }
    }

    static void success(PrettyPrinter p, Success s, boolean verbose) {
        switch (s.kind()) {
            case EMPTY -> p.text("success");
            case STRING -> p.text("success: " + ((Success.Message) s).text());
            case POLICIES -> lines(p, ((Success.Policies) s).policies(), "no policies",
                    (q, e) -> q.text(OcamlText.name(e.name()) + ": " + UnikernelText.policy(e.policy())));
            case UNIKERNEL_INFO -> infos(p, ((Success.UnikernelInfo) s).unikernels(), verbose);
            case OLD_UNIKERNEL_INFO4 -> infos(p, ((Success.OldUnikernelInfo4) s).unikernels(), verbose);
            case OLD_UNIKERNEL_INFO5 -> infos(p, ((Success.OldUnikernelInfo5) s).unikernels(), verbose);
            case UNIKERNEL_IMAGE -> {
                Success.UnikernelImage i = (Success.UnikernelImage) s;
                p.text("image (compression " + OcamlText.bool(i.compressed()) + ") " + i.image().length()
                        + " bytes");
            }
            case BLOCK_DEVICES -> lines(p, ((Success.BlockDevices) s).devices(), "no block devices",
                    (q, b) -> q.text("block " + OcamlText.name(b.name()) + " size " + b.sizeMb() + " MB active "
                            + OcamlText.bool(b.active())));
            case OLD_BLOCK_DEVICE_IMAGE -> {
                Success.OldBlockDeviceImage i = (Success.OldBlockDeviceImage) s;
                p.text("old block device compressed " + OcamlText.bool(i.compressed()) + ", " + i.image().length()
                        + " bytes");
            }
            case BLOCK_DEVICE_IMAGE -> p.text("block device compressed "
                    + OcamlText.bool(((Success.BlockDeviceImage) s).compressed()));
            case CONSOLES -> lines(p, ((Success.Consoles) s).names(), "no consoles",
                    (q, n) -> q.text(OcamlText.name(n)));
        }
    }

    private static void infos(PrettyPrinter p, List<Success.InfoEntry> entries, boolean verbose) {
        lines(p, entries, "no unikernels", (q, e) -> {
            q.text(OcamlText.name(e.name()) + ": ");
            UnikernelText.info(q, e.info(), verbose);
        });
    }

    static void data(PrettyPrinter p, Data d) {
        switch (d.kind()) {
            case CONSOLE -> {
                Data.Console c = (Data.Console) d;
                p.text("console " + OcamlText.rfc3339(c.timestamp()) + ": " + OcamlText.escaped(c.line()));
            }
            case STATISTICS -> statistics(p, (Data.Statistics) d);
            case BLOCK -> p.text("block data " + ((Data.BlockData) d).chunk()
                    .map(b -> b.length() + " bytes").orElse("eof"));
        }
    }

    private static void statistics(PrettyPrinter p, Data.Statistics s) {
        p.text("stats: ").text(rusage(s.rusage())).newline();
        p.text(s.kinfoMem().map(ReplyText::kinfoMem).orElse("no kinfo_mem stats")).newline();
        if (s.vmm().isEmpty()) {
            p.text("no vmm stats");
        } else {
            boolean first = true;
            for (VmmStat v : s.vmm().get()) {
                if (!first) {
                    p.newline();
                }
                first = false;
                p.text(v.key() + ": " + v.value());
            }
        }
        p.newline();
        boolean first = true;
        for (IfData i : s.ifdata()) {
            if (!first) {
                p.newline().newline();
            }
            first = false;
            p.text(ifdata(i));
        }
    }

    private static String u(long v) {
        return Long.toUnsignedString(v);
    }

    private static String rusage(Rusage r) {
        return "utime " + u(r.utime().seconds()) + "." + String.format("%06d", r.utime().microseconds())
                + " stime " + u(r.stime().seconds()) + "." + String.format("%06d", r.stime().microseconds())
                + " maxrss " + u(r.maxrss()) + " ixrss " + u(r.ixrss()) + " idrss " + u(r.idrss())
                + " isrss " + u(r.isrss()) + " minflt " + u(r.minflt()) + " majflt " + u(r.majflt())
                + " nswap " + u(r.nswap()) + " inblock " + u(r.inblock()) + " outblock " + u(r.outblock())
                + " msgsnd " + u(r.msgsnd()) + " msgrcv " + u(r.msgrcv()) + " signals " + u(r.nsignals())
                + " nvcsw " + u(r.nvcsw()) + " nivcsw " + u(r.nivcsw());
    }

    private static String kinfoMem(KinfoMem k) {
        return "virtual-size " + u(k.vsize()) + " rss " + u(k.rss()) + " text-size " + u(k.tsize())
                + " data-size " + u(k.dsize()) + " stack-size " + u(k.ssize()) + " runtime " + u(k.runtime())
                + " cow " + u(k.cow()) + " start " + u(k.start().seconds()) + "."
                + String.format("%06d", k.start().microseconds());
    }

    private static String ifdata(IfData i) {
        return "bridge " + i.bridge() + " flags " + Integer.toHexString(i.flags()).toUpperCase(java.util.Locale.ROOT)
                + " send_length " + OcamlText.unsigned(i.sendLength())
                + " max_send_length " + OcamlText.unsigned(i.maxSendLength())
                + " send_drops " + OcamlText.unsigned(i.sendDrops()) + " mtu " + OcamlText.unsigned(i.mtu())
                + " baudrate " + u(i.baudrate()) + " input_packets " + u(i.inputPackets())
                + " input_errors " + u(i.inputErrors()) + " output_packets " + u(i.outputPackets())
                + " output_errors " + u(i.outputErrors()) + " collisions " + u(i.collisions())
                + " input_bytes " + u(i.inputBytes()) + " output_bytes " + u(i.outputBytes())
                + " input_mcast " + u(i.inputMcast()) + " output_mcast " + u(i.outputMcast())
                + " input_dropped " + u(i.inputDropped()) + " output_dropped " + u(i.outputDropped());
    }
}
