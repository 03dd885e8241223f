package dev.albatross.protocol.wire;

import java.util.Objects;

/**
 * {@code getrusage}-style figures of a tender process (spec §5.6); every count is an 8-byte OCTET STRING.
 * <pre>
 * Rusage ::= SEQUENCE { utime Timeval, stime Timeval, maxrss, ixrss, idrss, isrss, minflt, majflt, nswap,
 *                       inblock, outblock, msgsnd, msgrcv, nsignals, nvcsw, nivcsw }
 * </pre>
 */
public record Rusage(
        Timeval utime, Timeval stime, long maxrss, long ixrss, long idrss, long isrss, long minflt, long majflt,
        long nswap, long inblock, long outblock, long msgsnd, long msgrcv, long nsignals, long nvcsw, long nivcsw) {
    public Rusage {
        Objects.requireNonNull(utime, "utime");
        Objects.requireNonNull(stime, "stime");
    }
}
