package dev.albatross.stats.procfs;

import dev.albatross.protocol.wire.KinfoMem;
import dev.albatross.protocol.wire.Rusage;
import dev.albatross.protocol.wire.Timeval;

/**
 * Albatross's Linux synthesis of {@code getrusage} and {@code kinfo_mem} from procfs (spec §9.1,
 * {@code Albatross_stats_pure.linux_rusage}):
 *
 * <pre>
 *   utime, stime   stat 14, 15 (ticks)  → (ticks / hz, (ticks mod hz) * 1e6 / hz)
 *   maxrss         stat 24 (rss, pages)           minflt, majflt, nswap   stat 10, 12, 36
 *   nvcsw, nivcsw  status (non)voluntary_ctxt_switches
 *   ixrss idrss isrss inblock outblock msgsnd msgrcv nsignals = 0
 *   vsize          stat 23 (bytes)      rss   stat 24 (pages)
 *   tsize          statm 4th (pages)    dsize = ssize = statm 6th (pages: data + stack)
 *   runtime        (utime + stime) * 1e6 / hz (µs)   cow = 0   start = ctime of /proc/&lt;pid&gt;
 * </pre>
 */
public final class LinuxRusage {
    private static final long MICROS = 1_000_000L;

    private LinuxRusage() {
    }

    public static ProcessFigures of(ProcStat stat, Statm statm, ContextSwitches switches, Timeval start,
            long clockTicks) {
        if (clockTicks <= 0) {
            throw new IllegalArgumentException("clock ticks per second must be positive: " + clockTicks);
        }
        Rusage rusage = new Rusage(timeval(stat.utimeTicks(), clockTicks), timeval(stat.stimeTicks(), clockTicks),
                stat.rssPages(), 0, 0, 0, stat.minflt(), stat.majflt(), stat.nswap(), 0, 0, 0, 0, 0,
                switches.voluntary(), switches.involuntary());
        long runtime = (stat.utimeTicks() + stat.stimeTicks()) * MICROS / clockTicks;
        KinfoMem mem = new KinfoMem(stat.vsizeBytes(), stat.rssPages(), statm.textPages(), statm.dataPages(),
                statm.dataPages(), runtime, 0, start);
        return new ProcessFigures(rusage, mem, stat.startTimeTicks());
    }

    /** OCaml's {@code Int64} division truncates toward zero, as Java's does. */
    static Timeval timeval(long ticks, long clockTicks) {
        return new Timeval(ticks / clockTicks, (ticks % clockTicks) * MICROS / clockTicks);
    }
}
