package dev.albatross.stats.procfs;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields of {@code /proc/<pid>/stat} that Albatross reads (proc(5) numbering, 1-based), plus the start time
 * we use to notice a reused pid.
 *
 * <pre>
 *   1 pid  2 (comm)  3 state ... 10 minflt  12 majflt  14 utime  15 stime ... 22 starttime  23 vsize  24 rss
 *   ... 36 nswap ... 52 exit_code
 * </pre>
 * {@code utime}, {@code stime} and {@code starttime} are in clock ticks, {@code vsize} in bytes, {@code rss} in
 * pages.
 */
public record ProcStat(long minflt, long majflt, long utimeTicks, long stimeTicks, long startTimeTicks,
        long vsizeBytes, long rssPages, long nswap) {
    /** Albatross refuses lines with fewer fields (52 since Linux 3.5). */
    static final int MIN_FIELDS = 52;

    /**
     * Parses the first line of {@code /proc/<pid>/stat}. As Albatross, the comm is whatever lies between the
     * first {@code (} and the last {@code )} (it may hold spaces and parentheses), and the rest is split on
     * single spaces.
     */
    public static ProcStat parse(String text) throws ProcfsException {
        String line = firstLine(text);
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 1 || close < open || close + 2 > line.length()) {
            throw new ProcfsException("stat: no parenthesised command name");
        }
        List<String> fields = new ArrayList<>(MIN_FIELDS);
        fields.add(line.substring(0, open - 1));
        fields.add(line.substring(open + 1, close));
        splitOnSpace(line, close + 2, fields);
        if (fields.size() < MIN_FIELDS) {
            throw new ProcfsException("stat: " + fields.size() + " fields, expected at least " + MIN_FIELDS);
        }
        return new ProcStat(field(fields, 10, "minflt"), field(fields, 12, "majflt"), field(fields, 14, "utime"),
                field(fields, 15, "stime"), field(fields, 22, "starttime"), field(fields, 23, "vsize"),
                field(fields, 24, "rss"), field(fields, 36, "nswap"));
    }

    /** Field {@code number} (proc(5) numbering) as a signed 64-bit decimal, as OCaml's {@code Int64.of_string}. */
    static long field(List<String> fields, int number, String what) throws ProcfsException {
        String text = fields.get(number - 1);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ProcfsException("field " + number + " (" + what + ") is not an integer: " + text, e);
        }
    }

    static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    /** Splits {@code line[from..]} on every single space, keeping empty parts (OCaml's split_on_char). */
    static void splitOnSpace(String line, int from, List<String> into) {
        int start = from;
        for (int i = from; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == ' ') {
                into.add(line.substring(start, i));
                start = i + 1;
            }
        }
    }
}
