package dev.albatross.stats.procfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the kernel told this process at exec in its auxiliary vector ({@code /proc/self/auxv}): the values glibc's
 * {@code sysconf(_SC_CLK_TCK)} and {@code sysconf(_SC_PAGESIZE)} return, read without native code.
 *
 * <pre>
 *   auxv: { unsigned long type; unsigned long value; } ... { AT_NULL, 0 }    (native byte order, 64-bit)
 * </pre>
 */
public record AuxVector(long clockTicks, long pageSizeBytes) {
    /** {@code AT_PAGESZ} and {@code AT_CLKTCK} from linux/auxvec.h. */
    static final long AT_PAGESZ = 6;
    static final long AT_CLKTCK = 17;
    /** USER_HZ and the page size of every architecture we run on, should the vector lack an entry. */
    static final long DEFAULT_CLOCK_TICKS = 100;
    static final long DEFAULT_PAGE_SIZE = 4096;

    public AuxVector {
        if (clockTicks <= 0 || pageSizeBytes <= 0) {
            throw new IllegalArgumentException("clock ticks and page size must be positive");
        }
    }

    /** This process's vector. */
    public static AuxVector self() throws IOException {
        return parse(Files.readAllBytes(Path.of("/proc/self/auxv")));
    }

    static AuxVector parse(byte[] auxv) {
        ByteBuffer b = ByteBuffer.wrap(auxv).order(ByteOrder.nativeOrder());
        long ticks = DEFAULT_CLOCK_TICKS;
        long page = DEFAULT_PAGE_SIZE;
        while (b.remaining() >= 16) {
            long type = b.getLong();
            long value = b.getLong();
            if (type == 0) {
                break;
            } else if (type == AT_CLKTCK && value > 0) {
                ticks = value;
            } else if (type == AT_PAGESZ && value > 0) {
                page = value;
            }
        }
        return new AuxVector(ticks, page);
    }
}
