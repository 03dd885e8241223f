package dev.albatross.client.inspect;

import dev.albatross.protocol.wire.Data;
import dev.albatross.protocol.wire.IfData;
import dev.albatross.protocol.wire.KinfoMem;
import dev.albatross.protocol.wire.Rusage;
import dev.albatross.protocol.wire.Timeval;
import dev.albatross.protocol.wire.VmmStat;
import java.util.List;

/**
 * Streamed data (spec §5.6): {@code data: <alternative>}, then its fields. Console lines are quoted and escaped;
 * block data shows only its size and SHA-256. Exhaustive over {@link Data.Kind}.
 */
final class DataText {
    private DataText() {
    }

    static Lines data(Lines out, Data data) {
        return switch (data.kind()) {
            case STATISTICS -> statistics(out.titled("data", "statistics"), (Data.Statistics) data);
            case CONSOLE -> {
                Data.Console console = (Data.Console) data;
                yield out.titled("data", "console").field("timestamp", FieldText.time(console.timestamp()))
                        .field("line", FieldText.quoted(console.line()));
            }
            case BLOCK -> {
                Lines fields = out.titled("data", "block");
                yield ((Data.BlockData) data).chunk()
                        .map(chunk -> fields.field("some-data", FieldText.blob(chunk)))
                        .orElseGet(() -> fields.field("no-data", "end of the block data"));
            }
        };
    }

    private static Lines statistics(Lines out, Data.Statistics s) {
        rusage(out.section("resource-usage"), s.rusage());
        if (s.ifdata().isEmpty()) {
            out.field("ifdata", FieldText.NONE);
        } else {
            out.field("ifdata", s.ifdata().size());
            for (IfData i : s.ifdata()) {
                ifdata(out.entry(), i);
            }
        }
        if (s.vmm().isEmpty()) {
            out.field("vmm-stats", FieldText.ABSENT);
        } else {
            List<VmmStat> vmm = s.vmm().get();
            out.field("vmm-stats", vmm.isEmpty() ? FieldText.NONE : String.valueOf(vmm.size()));
            for (VmmStat v : vmm) {
                out.entry().line(FieldText.quoted(v.key()) + " = " + v.value());
            }
        }
        if (s.kinfoMem().isEmpty()) {
            out.field("kinfo-mem", FieldText.ABSENT);
        } else {
            kinfoMem(out.section("kinfo-mem"), s.kinfoMem().get());
        }
        return out;
    }

    private static String timeval(Timeval t) {
        return t.seconds() + " s, " + t.microseconds() + " us";
    }

    private static void rusage(Lines out, Rusage r) {
        out.field("utime", timeval(r.utime())).field("stime", timeval(r.stime())).field("maxrss", r.maxrss())
                .field("ixrss", r.ixrss()).field("idrss", r.idrss()).field("isrss", r.isrss())
                .field("minflt", r.minflt()).field("majflt", r.majflt()).field("nswap", r.nswap())
                .field("inblock", r.inblock()).field("outblock", r.outblock()).field("msgsnd", r.msgsnd())
                .field("msgrcv", r.msgrcv()).field("nsignals", r.nsignals()).field("nvcsw", r.nvcsw())
                .field("nivcsw", r.nivcsw());
    }

    private static void ifdata(Lines out, IfData i) {
        out.field("bridge", FieldText.quoted(i.bridge())).field("flags", String.format("0x%08x", i.flags()))
                .field("send-length", i.sendLength()).field("max-send-length", i.maxSendLength())
                .field("send-drops", i.sendDrops()).field("mtu", i.mtu()).field("baudrate", i.baudrate())
                .field("input-packets", i.inputPackets()).field("input-errors", i.inputErrors())
                .field("output-packets", i.outputPackets()).field("output-errors", i.outputErrors())
                .field("collisions", i.collisions()).field("input-bytes", i.inputBytes())
                .field("output-bytes", i.outputBytes()).field("input-mcast", i.inputMcast())
                .field("output-mcast", i.outputMcast()).field("input-dropped", i.inputDropped())
                .field("output-dropped", i.outputDropped());
    }

    private static void kinfoMem(Lines out, KinfoMem k) {
        out.field("vsize", k.vsize()).field("rss", k.rss()).field("tsize", k.tsize()).field("dsize", k.dsize())
                .field("ssize", k.ssize()).field("runtime", k.runtime()).field("cow", k.cow())
                .field("start", timeval(k.start()));
    }
}
