package dev.albatross.protocol.wire;

import java.util.Objects;

/**
 * Memory figures of a tender process (spec §5.6), carried as {@code [1] IMPLICIT}:
 * {@code SEQUENCE { vsize, rss, tsize, dsize, ssize, runtime (int64 each), cow INTEGER, start Timeval }}.
 */
public record KinfoMem(long vsize, long rss, long tsize, long dsize, long ssize, long runtime, long cow,
        Timeval start) {
    public KinfoMem {
        Objects.requireNonNull(start, "start");
    }
}
