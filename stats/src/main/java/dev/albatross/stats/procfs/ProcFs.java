package dev.albatross.stats.procfs;

import dev.albatross.protocol.wire.Timeval;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * Reads a process's figures from {@code /proc} (spec §9.1): the ctime of {@code /proc/<pid>}, then {@code stat},
 * {@code statm} and {@code status}, one {@code read} each into one reused buffer.
 *
 * <p>Not thread-safe: the collector thread owns it (the buffer is reused to keep a round allocation-light).
 */
public final class ProcFs {
    /**
     * {@code status} is the largest file read, about 1.5 KiB; 16 KiB leaves room for kernels that add lines. A
     * file that fills the buffer is refused rather than silently cut.
     */
    static final int BUFFER_BYTES = 16 * 1024;

    private final Path root;
    private final long clockTicks;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);

    public ProcFs(Path root, long clockTicks) {
        if (clockTicks <= 0) {
            throw new IllegalArgumentException("clock ticks per second must be positive: " + clockTicks);
        }
        this.root = root;
        this.clockTicks = clockTicks;
    }

    /** The host's {@code /proc}, with the clock ticks of this machine. */
    public static ProcFs system() throws IOException {
        return new ProcFs(Path.of("/proc"), AuxVector.self().clockTicks());
    }

    public long clockTicks() {
        return clockTicks;
    }

    /**
     * Reads process {@code pid}. Fails with {@link ProcessGoneException} if its {@code /proc} entry is gone, and
     * with {@link ProcfsException} if a file has an unexpected form.
     */
    public ProcessFigures read(int pid) throws ProcfsException {
        Path dir = root.resolve(Integer.toString(pid));
        Timeval start = ctime(dir);
        ProcStat stat = ProcStat.parse(text(dir, "stat"));
        Statm statm = Statm.parse(text(dir, "statm"));
        ContextSwitches switches = ContextSwitches.parse(text(dir, "status"));
        return LinuxRusage.of(stat, statm, switches, start, clockTicks);
    }

    /** Albatross's "start": the ctime of the directory, whole seconds and microseconds. */
    private static Timeval ctime(Path dir) throws ProcfsException {
        try {
            Instant t = ((FileTime) Files.getAttribute(dir, "unix:ctime")).toInstant();
            return new Timeval(t.getEpochSecond(), t.getNano() / 1000);
        } catch (NoSuchFileException e) {
            throw new ProcessGoneException("no process " + dir.getFileName());
        } catch (IOException e) {
            throw new ProcfsException("stat " + dir + ": " + e, e);
        }
    }

    private String text(Path dir, String file) throws ProcfsException {
        Path path = dir.resolve(file);
        buffer.clear();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            while (buffer.hasRemaining() && ch.read(buffer) > 0) {
                // procfs hands out the whole file in one read; loop for the rare short read.
            }
        } catch (NoSuchFileException e) {
            throw new ProcessGoneException("no process " + dir.getFileName());
        } catch (IOException e) {
            // Reading a file opened just before the process was reaped fails with ESRCH.
            if (!Files.exists(dir)) {
                throw new ProcessGoneException("no process " + dir.getFileName());
            }
            throw new ProcfsException("reading " + path + ": " + e, e);
        }
        if (!buffer.hasRemaining()) {
            throw new ProcfsException(path + " is larger than " + BUFFER_BYTES + " bytes");
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.ISO_8859_1);
    }
}
