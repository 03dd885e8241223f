package dev.albatross.stats.procfs;

import dev.albatross.protocol.wire.KinfoMem;
import dev.albatross.protocol.wire.Rusage;
import java.util.Objects;

/**
 * One reading of a process, already in Albatross's wire shapes; {@code startTimeTicks} (stat field 22) identifies
 * the process across readings, so a reused pid is noticed.
 */
public record ProcessFigures(Rusage rusage, KinfoMem kinfoMem, long startTimeTicks) {
    public ProcessFigures {
        Objects.requireNonNull(rusage, "rusage");
        Objects.requireNonNull(kinfoMem, "kinfoMem");
    }
}
