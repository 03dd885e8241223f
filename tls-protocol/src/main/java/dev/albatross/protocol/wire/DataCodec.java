package dev.albatross.protocol.wire;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.der.DerNode;
import dev.albatross.protocol.der.DerReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Streamed data and the statistics records (spec §5.6). */
final class DataCodec {
    private DataCodec() {
    }

    static DerNode node(Data d) {
        return switch (d.kind()) {
            case STATISTICS -> DerNode.context(1, statistics((Data.Statistics) d));
            case CONSOLE -> {
                Data.Console c = (Data.Console) d;
                yield DerNode.context(3, DerNode.sequence(DerNode.time(c.timestamp()), DerNode.utf8(c.line())));
            }
            case BLOCK -> {
                Optional<Bytes> chunk = ((Data.BlockData) d).chunk();
                yield DerNode.context(4, chunk.isPresent() ? DerNode.context(0, DerNode.octets(chunk.get()))
                        : DerNode.context(1, DerNode.nul()));
            }
        };
    }

    static Data read(DerReader in) {
        int tag = in.peekTag();
        Data d;
        switch (tag) {
            case 0xA1 -> {
                in.enterContext(1, "statistics");
                d = statistics(in);
            }
            case 0xA2 -> throw in.fault("log", "support for log was dropped");
            case 0xA3 -> {
                in.enterContext(3, "console");
                in.enter(DerReader.SEQUENCE, "SEQUENCE");
                d = new Data.Console(in.time("timestamp"), in.utf8("line"));
                in.leave();
            }
            case 0xA4 -> {
                in.enterContext(4, "block");
                if (in.peekContext(0)) {
                    in.enterContext(0, "some-data");
                    d = new Data.BlockData(Optional.of(in.octets("OCTET STRING")));
                } else if (in.peekContext(1)) {
                    in.enterContext(1, "no-data");
                    in.nul("NULL");
                    d = Data.BlockData.end();
                } else {
                    throw in.fault("block", "expected [0] some-data or [1] no-data");
                }
                in.leave();
            }
            default -> throw in.fault("Data", "unknown or removed data tag 0x" + Integer.toHexString(tag));
        }
        in.leave();
        return d;
    }

    // ---- statistics --------------------------------------------------------------------------------------

    private static DerNode statistics(Data.Statistics s) {
        List<DerNode> f = new ArrayList<>(4);
        f.add(rusage(s.rusage()));
        List<DerNode> ifs = new ArrayList<>(s.ifdata().size());
        s.ifdata().forEach(i -> ifs.add(ifdata(i)));
        f.add(DerNode.sequence(ifs));
        s.vmm().ifPresent(vmm -> {
            List<DerNode> stats = new ArrayList<>(vmm.size());
            vmm.forEach(v -> stats.add(DerNode.sequence(DerNode.utf8(v.key()), DerNode.int64(v.value()))));
            f.add(DerNode.context(0, DerNode.sequence(stats)));
        });
        // The only IMPLICIT tag of the protocol: kinfo-mem's SEQUENCE elements directly under [1].
        s.kinfoMem().ifPresent(k -> f.add(DerNode.implicitSequence(1, kinfoMemFields(k))));
        return DerNode.sequence(f);
    }

    private static Data.Statistics statistics(DerReader in) {
        in.enter(DerReader.SEQUENCE, "SEQUENCE");
        Rusage rusage = rusage(in);
        in.enter(DerReader.SEQUENCE, "ifdata");
        List<IfData> ifs = new ArrayList<>();
        while (in.hasNextElement()) {
            ifs.add(ifdata(in));
        }
        in.leave();
        Optional<List<VmmStat>> vmm = Optional.empty();
        if (in.peekContext(0)) {
            in.enterContext(0, "vmm-stats");
            in.enter(DerReader.SEQUENCE, "SEQUENCE");
            List<VmmStat> stats = new ArrayList<>();
            while (in.hasNextElement()) {
                in.enter(DerReader.SEQUENCE, "element");
                stats.add(new VmmStat(in.utf8("key"), in.int64("value")));
                in.leave();
            }
            in.leave();
            in.leave();
            vmm = Optional.of(stats);
        }
        Optional<KinfoMem> kinfo = Optional.empty();
        if (in.peekContext(1)) {
            in.enterContext(1, "kinfo-mem");
            kinfo = Optional.of(kinfoMemFields(in));
            in.leave();
        }
        in.leave();
        return new Data.Statistics(rusage, ifs, vmm, kinfo);
    }

    private static DerNode timeval(Timeval t) {
        return DerNode.sequence(DerNode.int64(t.seconds()), DerNode.integer(t.microseconds()));
    }

    private static Timeval timeval(DerReader in, String field) {
        in.enter(DerReader.SEQUENCE, field);
        Timeval t = new Timeval(in.int64("seconds"), in.integer("microseconds"));
        in.leave();
        return t;
    }

    private static DerNode rusage(Rusage r) {
        return DerNode.sequence(timeval(r.utime()), timeval(r.stime()), DerNode.int64(r.maxrss()),
                DerNode.int64(r.ixrss()), DerNode.int64(r.idrss()), DerNode.int64(r.isrss()),
                DerNode.int64(r.minflt()), DerNode.int64(r.majflt()), DerNode.int64(r.nswap()),
                DerNode.int64(r.inblock()), DerNode.int64(r.outblock()), DerNode.int64(r.msgsnd()),
                DerNode.int64(r.msgrcv()), DerNode.int64(r.nsignals()), DerNode.int64(r.nvcsw()),
                DerNode.int64(r.nivcsw()));
    }

    private static Rusage rusage(DerReader in) {
        in.enter(DerReader.SEQUENCE, "resource-usage");
        Rusage r = new Rusage(timeval(in, "utime"), timeval(in, "stime"), in.int64("maxrss"), in.int64("ixrss"),
                in.int64("idrss"), in.int64("isrss"), in.int64("minflt"), in.int64("majflt"), in.int64("nswap"),
                in.int64("inblock"), in.int64("outblock"), in.int64("msgsnd"), in.int64("msgrcv"),
                in.int64("nsignals"), in.int64("nvcsw"), in.int64("nivcsw"));
        in.leave();
        return r;
    }

    private static List<DerNode> kinfoMemFields(KinfoMem k) {
        return List.of(DerNode.int64(k.vsize()), DerNode.int64(k.rss()), DerNode.int64(k.tsize()),
                DerNode.int64(k.dsize()), DerNode.int64(k.ssize()), DerNode.int64(k.runtime()),
                DerNode.integer(k.cow()), timeval(k.start()));
    }

    private static KinfoMem kinfoMemFields(DerReader in) {
        return new KinfoMem(in.int64("bsize"), in.int64("rss"), in.int64("tsize"), in.int64("dsize"),
                in.int64("ssize"), in.int64("runtime"), in.integer("cow"), timeval(in, "start"));
    }

    private static DerNode ifdata(IfData i) {
        return DerNode.sequence(DerNode.utf8(i.bridge()), DerNode.integer(i.flags()), DerNode.integer(i.sendLength()),
                DerNode.integer(i.maxSendLength()), DerNode.integer(i.sendDrops()), DerNode.integer(i.mtu()),
                DerNode.int64(i.baudrate()), DerNode.int64(i.inputPackets()), DerNode.int64(i.inputErrors()),
                DerNode.int64(i.outputPackets()), DerNode.int64(i.outputErrors()), DerNode.int64(i.collisions()),
                DerNode.int64(i.inputBytes()), DerNode.int64(i.outputBytes()), DerNode.int64(i.inputMcast()),
                DerNode.int64(i.outputMcast()), DerNode.int64(i.inputDropped()), DerNode.int64(i.outputDropped()));
    }

    private static IfData ifdata(DerReader in) {
        in.enter(DerReader.SEQUENCE, "IfData");
        IfData i = new IfData(in.utf8("bridge"), in.int32("flags"), in.int32("send-length"),
                in.int32("max-send-length"), in.int32("send-drops"), in.int32("mtu"), in.int64("baudrate"),
                in.int64("input-packets"), in.int64("input-errors"), in.int64("output-packets"),
                in.int64("output-errors"), in.int64("collisions"), in.int64("input-bytes"), in.int64("output-bytes"),
                in.int64("input-mcast"), in.int64("output-mcast"), in.int64("input-dropped"),
                in.int64("output-dropped"));
        in.leave();
        return i;
    }
}
