package dev.albatross.stats.metrics;

import dev.albatross.protocol.name.Label;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.Data;
import dev.albatross.protocol.wire.IfData;
import dev.albatross.protocol.wire.KinfoMem;
import dev.albatross.protocol.wire.Rusage;
import dev.albatross.protocol.wire.Timeval;
import dev.albatross.protocol.wire.VmmStat;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The Influx line protocol albatross-influx writes for one {@code Stats_data} (spec §9.2, {@code
 * Albatross_influx.P}), byte for byte: no timestamps, nothing escaped but vmm keys, integers unsigned with
 * {@code i}, times as {@code <s>.<µs, 6 digits>}, lines joined by {@code \n} plus a final {@code \n}.
 *
 * <pre>
 * resource_usage,vm=hello utime=1.500000,stime=0.250000,maxrss=100i,...,minflt=10i,maxflt=1i,...,nivcsw=6i
 * kinfo_mem,vm=hello vsize=1000i,rss=100i,tsize=1i,dsize=2i,ssize=2i,cow_faults=0i,runtime=750000i,uptime=5.000000
 * vmm,vm=hello key=1i,...                                                               (only if present)
 * interface,vm=hello,bridge=service send_queue_length=0i,...,host_to_vm_dropped=0i       (one per ifdata)
 * </pre>
 */
final class InfluxLines {
    private InfluxLines() {
    }

    /** The {@code vm} tag: the label of the (relative) name, or its full text with no-drop-path or no label. */
    static String vm(Name relative, boolean noDropPath) {
        if (noDropPath) {
            return relative.text();
        }
        return relative.label().map(Label::value).orElse(relative.text());
    }

    /** The batch for one message, ending with a newline; {@code now} gives kinfo_mem's uptime. */
    static String batch(String vm, Data.Statistics s, Instant now) {
        StringBuilder out = new StringBuilder(1024);
        rusage(out, vm, s.rusage());
        s.kinfoMem().ifPresent(m -> kinfoMem(out.append('\n'), vm, m, now));
        s.vmm().ifPresent(v -> vmm(out.append('\n'), vm, v));
        for (IfData i : s.ifdata()) {
            ifdata(out.append('\n'), vm, i);
        }
        return out.append('\n').toString();
    }

    private static void rusage(StringBuilder out, String vm, Rusage r) {
        out.append("resource_usage,vm=").append(vm).append(' ');
        out.append("utime=").append(tv(r.utime())).append(",stime=").append(tv(r.stime()));
        u64(out, "maxrss", r.maxrss());
        u64(out, "ixrss", r.ixrss());
        u64(out, "idrss", r.idrss());
        u64(out, "isrss", r.isrss());
        u64(out, "minflt", r.minflt());
        u64(out, "maxflt", r.majflt()); // sic: Albatross's field name for major faults
        u64(out, "nswap", r.nswap());
        u64(out, "inblock", r.inblock());
        u64(out, "outblock", r.outblock());
        u64(out, "msgsnd", r.msgsnd());
        u64(out, "msgrcv", r.msgrcv());
        u64(out, "nsignals", r.nsignals());
        u64(out, "nvcsw", r.nvcsw());
        u64(out, "nivcsw", r.nivcsw());
    }

    private static void kinfoMem(StringBuilder out, String vm, KinfoMem m, Instant now) {
        double started = (double) m.start().seconds() + (double) m.start().microseconds() / 1_000_000.0;
        double uptime = ((double) now.getEpochSecond() + now.getNano() / 1e9) - started;
        out.append("kinfo_mem,vm=").append(vm).append(" vsize=").append(Long.toUnsignedString(m.vsize())).append('i');
        u64(out, "rss", m.rss());
        u64(out, "tsize", m.tsize());
        u64(out, "dsize", m.dsize());
        u64(out, "ssize", m.ssize());
        u64(out, "cow_faults", m.cow());
        u64(out, "runtime", m.runtime());
        out.append(",uptime=").append(cFixed(uptime));
    }

    private static void vmm(StringBuilder out, String vm, List<VmmStat> stats) {
        out.append("vmm,vm=").append(vm).append(' ');
        for (int i = 0; i < stats.size(); i++) {
            VmmStat s = stats.get(i);
            out.append(i == 0 ? "" : ",").append(escapeKey(s.key())).append('=')
                    .append(Long.toUnsignedString(s.value())).append('i');
        }
    }

    private static void ifdata(StringBuilder out, String vm, IfData i) {
        out.append("interface,vm=").append(vm).append(",bridge=").append(i.bridge()).append(' ');
        out.append("send_queue_length=").append(Integer.toUnsignedString(i.sendLength())).append('i');
        u32(out, "max_send_queue_length", i.maxSendLength());
        u32(out, "send_queue_drops", i.sendDrops());
        u32(out, "mtu", i.mtu());
        u64(out, "baudrate", i.baudrate());
        u64(out, "vm_to_host_packets", i.inputPackets());
        u64(out, "vm_to_host_errors", i.inputErrors());
        u64(out, "vm_to_host_bytes", i.inputBytes());
        u64(out, "vm_to_host_mcast", i.inputMcast());
        u64(out, "vm_to_host_dropped", i.inputDropped());
        u64(out, "collisions", i.collisions());
        u64(out, "host_to_vm_packets", i.outputPackets());
        u64(out, "host_to_vm_errors", i.outputErrors());
        u64(out, "host_to_vm_bytes", i.outputBytes());
        u64(out, "host_to_vm_mcast", i.outputMcast());
        u64(out, "host_to_vm_dropped", i.outputDropped());
    }

    private static void u64(StringBuilder out, String key, long value) {
        out.append(',').append(key).append('=').append(Long.toUnsignedString(value)).append('i');
    }

    private static void u32(StringBuilder out, String key, int value) {
        out.append(',').append(key).append('=').append(Integer.toUnsignedString(value)).append('i');
    }

    /** OCaml {@code Printf "%Lu.%06d"}: unsigned seconds, microseconds zero-padded to 6 (sign first if negative). */
    static String tv(Timeval t) {
        long us = t.microseconds();
        String frac = us >= 0 && us < 1_000_000 ? Long.toString(1_000_000 + us).substring(1)
                : String.format(Locale.ROOT, "%06d", us);
        return Long.toUnsignedString(t.seconds()) + "." + frac;
    }

    /**
     * C's {@code %f}: the exact binary value rounded to 6 decimals, ties to even (glibc), with the sign of a
     * negative value kept even when it rounds to zero ({@code -0.000000}).
     */
    static String cFixed(double value) {
        if (Double.isNaN(value)) {
            return Math.copySign(1.0, value) < 0 ? "-nan" : "nan";
        }
        if (Double.isInfinite(value)) {
            return value < 0 ? "-inf" : "inf";
        }
        String digits = new BigDecimal(value).setScale(6, RoundingMode.HALF_EVEN).abs().toPlainString();
        return Math.copySign(1.0, value) < 0 ? "-" + digits : digits;
    }

    /** albatross-influx escapes {@code ,}, space and {@code =} in vmm keys, and nothing else anywhere. */
    static String escapeKey(String key) {
        return key.replace(",", "\\,").replace(" ", "\\ ").replace("=", "\\=");
    }
}
