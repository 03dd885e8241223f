package dev.albatross.stats.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcStatTest {
    /** A 52-field line; field n (proc(5) numbering, n >= 3) holds 1000 + n unless set below. */
    static String line(String comm) {
        StringBuilder s = new StringBuilder("4242 (").append(comm).append(")");
        for (int n = 3; n <= 52; n++) {
            s.append(' ').append(switch (n) {
                case 3 -> "S";
                case 10 -> "11";     // minflt
                case 12 -> "2";      // majflt
                case 14 -> "150";    // utime
                case 15 -> "25";     // stime
                case 22 -> "987654"; // starttime
                case 23 -> "8192000";// vsize
                case 24 -> "321";    // rss
                case 36 -> "0";      // nswap
                default -> Integer.toString(1000 + n);
            });
        }
        return s.append('\n').toString();
    }

    @Test
    void readsAlbatrossFieldsByProcNumbering() throws ProcfsException {
        assertEquals(new ProcStat(11, 2, 150, 25, 987654, 8192000, 321, 0), ProcStat.parse(line("solo5-hvt")));
    }

    @Test
    void takesTheCommandUpToTheLastParenthesis() throws ProcfsException {
        ProcStat p = ProcStat.parse(line("a) (b c) 9 9"));
        assertEquals(11, p.minflt());
        assertEquals(321, p.rssPages());
    }

    @Test
    void refusesFewerThan52Fields() {
        String text = line("x");
        String cut = text.substring(0, text.lastIndexOf(' '));
        ProcfsException e = assertThrows(ProcfsException.class, () -> ProcStat.parse(cut));
        assertTrue(e.getMessage().contains("51 fields"), e.getMessage());
    }

    @Test
    void refusesALineWithoutCommand() {
        assertThrows(ProcfsException.class, () -> ProcStat.parse("4242 solo5 S 1 2 3"));
    }

    @Test
    void refusesANonIntegerField() {
        String bad = line("x").replace(" 150 ", " 1x0 ");
        ProcfsException e = assertThrows(ProcfsException.class, () -> ProcStat.parse(bad));
        assertTrue(e.getMessage().contains("field 14 (utime)"), e.getMessage());
    }

    @Test
    void readsStatmTextAndData() throws ProcfsException {
        assertEquals(new Statm(40, 300), Statm.parse("2000 321 100 40 0 300 0\n"));
        assertThrows(ProcfsException.class, () -> Statm.parse("2000 321 100 40 0 300\n"));
    }

    @Test
    void readsContextSwitchesFromStatus() throws ProcfsException {
        String status = "Name:\tsleep\nvoluntary_ctxt_switches:\t7\nnonvoluntary_ctxt_switches:\t  3 \n";
        assertEquals(new ContextSwitches(7, 3), ContextSwitches.parse(status));
        assertThrows(ProcfsException.class, () -> ContextSwitches.parse("Name:\tsleep\nvoluntary_ctxt_switches:\t7\n"));
    }
}
