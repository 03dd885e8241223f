package dev.albatross.stats.procfs;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields of {@code /proc/<pid>/statm} that Albatross reads, in pages:
 * {@code size resident shared text lib data dt} → text (4th) and data (6th, data + stack).
 */
public record Statm(long textPages, long dataPages) {
    static final int MIN_FIELDS = 7;

    public static Statm parse(String text) throws ProcfsException {
        List<String> fields = new ArrayList<>(MIN_FIELDS);
        ProcStat.splitOnSpace(ProcStat.firstLine(text), 0, fields);
        if (fields.size() < MIN_FIELDS) {
            throw new ProcfsException("statm: " + fields.size() + " fields, expected at least " + MIN_FIELDS);
        }
        return new Statm(ProcStat.field(fields, 4, "text"), ProcStat.field(fields, 6, "data"));
    }
}
