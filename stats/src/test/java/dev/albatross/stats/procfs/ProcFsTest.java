package dev.albatross.stats.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.protocol.wire.KinfoMem;
import dev.albatross.protocol.wire.Rusage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Reads a real process and checks every figure against the files themselves and against {@code ps}. */
class ProcFsTest {
    @Test
    void figuresOfARealProcessMatchProcfsAndPs() throws Exception {
        try (IdleProcess proc = IdleProcess.start()) {
            int pid = proc.pid();
            ProcFs procFs = ProcFs.system();
            long hz = procFs.clockTicks();
            ProcessFigures f = procFs.read(pid);
            Rusage r = f.rusage();
            KinfoMem m = f.kinfoMem();

            // Independent reads of the same files: split after the last ')' and count from field 3.
            Path dir = Path.of("/proc", Integer.toString(pid));
            String stat = Files.readString(dir.resolve("stat")).trim();
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(after[14 - 3]);
            long stime = Long.parseLong(after[15 - 3]);
            assertEquals(Long.parseLong(after[10 - 3]), r.minflt());
            assertEquals(Long.parseLong(after[12 - 3]), r.majflt());
            assertEquals(utime / hz, r.utime().seconds());
            assertEquals((utime % hz) * 1_000_000 / hz, r.utime().microseconds());
            assertEquals(stime / hz, r.stime().seconds());
            assertEquals(Long.parseLong(after[23 - 3]), m.vsize());
            assertEquals(Long.parseLong(after[24 - 3]), m.rss());
            assertEquals(m.rss(), r.maxrss());
            assertEquals(Long.parseLong(after[36 - 3]), r.nswap());
            assertEquals(Long.parseLong(after[22 - 3]), f.startTimeTicks());
            assertEquals((utime + stime) * 1_000_000 / hz, m.runtime());

            String[] statm = Files.readString(dir.resolve("statm")).trim().split(" ");
            assertEquals(Long.parseLong(statm[3]), m.tsize());
            assertEquals(Long.parseLong(statm[5]), m.dsize());
            assertEquals(Long.parseLong(statm[5]), m.ssize());

            List<String> status = Files.readAllLines(dir.resolve("status"));
            assertEquals(statusValue(status, "voluntary_ctxt_switches"), r.nvcsw());
            assertEquals(statusValue(status, "nonvoluntary_ctxt_switches"), r.nivcsw());
            assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L), List.of(r.ixrss(), r.idrss(), r.isrss(),
                    r.inblock(), r.outblock(), r.msgsnd(), r.msgrcv(), r.nsignals(), m.cow()));

            // ps reads the same kernel figures: faults, virtual size in KiB, CPU time in whole seconds.
            String[] ps = run("ps", "-o", "min_flt=,maj_flt=,vsz=,cputimes=", "-p", Integer.toString(pid))
                    .trim().split("\\s+");
            assertEquals(Long.parseLong(ps[0]), r.minflt());
            assertEquals(Long.parseLong(ps[1]), r.majflt());
            assertEquals(Long.parseLong(ps[2]), m.vsize() / 1024);
            assertEquals(Long.parseLong(ps[3]), m.runtime() / 1_000_000);

            // start is the ctime of /proc/<pid>, as stat(1) sees it.
            assertEquals(Long.parseLong(run("stat", "-c", "%Z", dir.toString()).trim()), m.start().seconds());
            assertTrue(m.start().microseconds() >= 0 && m.start().microseconds() < 1_000_000);
        }
    }

    @Test
    void aVanishedProcessIsGone() throws Exception {
        IdleProcess proc = IdleProcess.start();
        int pid = proc.pid();
        ProcFs procFs = ProcFs.system();
        procFs.read(pid);
        proc.kill();
        assertThrows(ProcessGoneException.class, () -> procFs.read(pid));
    }

    private static long statusValue(List<String> lines, String key) {
        return lines.stream().filter(l -> l.startsWith(key + ":")).mapToLong(l -> Long.parseLong(
                l.substring(key.length() + 1).trim())).findFirst().orElseThrow();
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
