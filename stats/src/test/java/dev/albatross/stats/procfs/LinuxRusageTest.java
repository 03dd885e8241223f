package dev.albatross.stats.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.albatross.protocol.wire.KinfoMem;
import dev.albatross.protocol.wire.Rusage;
import dev.albatross.protocol.wire.Timeval;
import org.junit.jupiter.api.Test;

class LinuxRusageTest {
    @Test
    void mapsProcfsAsAlbatrossDoes() {
        ProcStat stat = new ProcStat(10, 1, 150, 25, 77, 1000, 100, 0);
        ProcessFigures f = LinuxRusage.of(stat, new Statm(1, 2), new ContextSwitches(5, 6),
                new Timeval(1_700_000_000, 0), 100);
        // The figures of the spec §12.2 statistics vector.
        assertEquals(new Rusage(new Timeval(1, 500_000), new Timeval(0, 250_000), 100, 0, 0, 0, 10, 1, 0, 0, 0, 0, 0,
                0, 5, 6), f.rusage());
        assertEquals(new KinfoMem(1000, 100, 1, 2, 2, 1_750_000, 0, new Timeval(1_700_000_000, 0)), f.kinfoMem());
        assertEquals(77, f.startTimeTicks());
    }

    @Test
    void convertsTicksWithTheClockRate() {
        assertEquals(new Timeval(3, 333_333), LinuxRusage.timeval(1000, 300));
        assertEquals(new Timeval(0, 0), LinuxRusage.timeval(0, 100));
        assertEquals(new Timeval(12, 990_000), LinuxRusage.timeval(1299, 100));
    }
}
