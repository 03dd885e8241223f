package dev.albatross.tender.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Identifies one process across daemon restarts: its pid plus its start time in clock ticks since boot
 * ({@code /proc/<pid>/stat} field 22). A pid alone may be reused after the tender exits; the pair may not, so a
 * later daemon can check that a persisted tender is still the same process before it re-adopts it.
 */
public record ProcessIdentity(int pid, long startTicks) {
    /** Field 22 of /proc/[pid]/stat (proc(5)), counted from the first field after the command name's ')'. */
    private static final int START_TIME_AFTER_COMMAND = 22 - 3;

    public ProcessIdentity {
        if (pid < 1) {
            throw new IllegalArgumentException("pid must be positive: " + pid);
        }
        if (startTicks < 0) {
            throw new IllegalArgumentException("startTicks must not be negative: " + startTicks);
        }
    }

    /** Reads the identity of the live (or zombie) process {@code pid}; NoSuchFileException once it is reaped. */
    public static ProcessIdentity read(int pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"), StandardCharsets.UTF_8);
        return new ProcessIdentity(pid, parseStartTicks(stat));
    }

    static long parseStartTicks(String stat) throws IOException {
        // The command name (field 2) is in parentheses and may itself contain ") " and spaces: cut at the last ')'.
        int close = stat.lastIndexOf(')');
        String[] fields = stat.substring(close + 1).trim().split(" ");
        if (close < 0 || fields.length <= START_TIME_AFTER_COMMAND) {
            throw new IOException("unexpected /proc/<pid>/stat format: " + stat);
        }
        try {
            return Long.parseLong(fields[START_TIME_AFTER_COMMAND]);
        } catch (NumberFormatException e) {
            throw new IOException("unexpected start time in /proc/<pid>/stat: " + stat, e);
        }
    }
}
