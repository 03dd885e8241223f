package dev.albatross.tender.jna;

import static dev.albatross.tender.jna.ProcessLibC.LIBC;

import com.sun.jna.Memory;
import java.util.BitSet;

/**
 * The CPU affinity of the calling thread ({@code sched_getaffinity/sched_setaffinity} with tid 0). A child spawned
 * from this thread inherits it, which replaces Albatross's {@code taskset -c} without an extra process.
 */
public final class ThreadAffinity {
    /** CPU_SETSIZE of glibc: ids at or above it cannot be expressed in a cpu_set_t. */
    public static final int MAX_CPUS = ProcessLibC.CPU_SET_BYTES * 8;

    private ThreadAffinity() {
    }

    /** The CPUs the calling thread may run on. */
    public static BitSet current() throws ErrnoException {
        // Native: cpu_set_t, 128 bytes (bits/cpu-set.h), a little-endian array of unsigned longs, so bit n of the
        // set is bit n%8 of byte n/8 on both supported ABIs. The kernel writes at most the size we pass.
        try (Memory mask = new Memory(ProcessLibC.CPU_SET_BYTES)) {
            mask.clear();
            if (LIBC.sched_getaffinity(0, ProcessLibC.CPU_SET_BYTES, mask) != 0) {
                throw ProcessLibC.lastError("sched_getaffinity");
            }
            return BitSet.valueOf(mask.getByteArray(0, ProcessLibC.CPU_SET_BYTES));
        }
    }

    /** Restricts the calling thread to {@code cpus}; EINVAL if none of them is online and allowed. */
    public static void set(BitSet cpus) throws ErrnoException {
        if (cpus.isEmpty() || cpus.length() > MAX_CPUS) {
            throw new IllegalArgumentException("CPU set must be non-empty and below " + MAX_CPUS + ": " + cpus);
        }
        // Native: as in current(); the kernel reads exactly CPU_SET_BYTES bytes.
        try (Memory mask = new Memory(ProcessLibC.CPU_SET_BYTES)) {
            mask.clear();
            byte[] bits = cpus.toByteArray();
            mask.write(0, bits, 0, bits.length);
            if (LIBC.sched_setaffinity(0, ProcessLibC.CPU_SET_BYTES, mask) != 0) {
                throw ProcessLibC.lastError("sched_setaffinity");
            }
        }
    }
}
