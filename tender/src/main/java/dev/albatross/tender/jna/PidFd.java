package dev.albatross.tender.jna;

import static dev.albatross.tender.jna.ProcessLibC.LIBC;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.util.Optional;

/**
 * Process file descriptors (Linux >= 5.3): a pidfd names one process for its whole life, so signalling through it
 * cannot hit a later process that reused the pid, and it becomes readable (epoll) when the process exits.
 */
public final class PidFd {
    /** What {@code waitid} reported: {@code si_code} (CLD_EXITED=1, CLD_KILLED=2, CLD_DUMPED=3, ...) and
     * {@code si_status} (the exit code or the signal number). */
    public record ChildState(int code, int status) {
    }

    private PidFd() {
    }

    /** Opens a pidfd for {@code pid}; it is close-on-exec. The caller owns it and closes it with {@link #close}. */
    public static int open(int pid) throws ErrnoException {
        // Native: pidfd_open(2), no glibc wrapper before 2.36, so syscall(2); flags 0. The new fd always has
        // O_CLOEXEC set by the kernel.
        long fd = LIBC.syscall(ProcessLibC.SYS_PIDFD_OPEN, (long) pid, 0L);
        if (fd < 0) {
            throw ProcessLibC.lastError("pidfd_open");
        }
        return Math.toIntExact(fd);
    }

    /**
     * Sends {@code signal} to the process behind {@code pidfd}; returns false if it has already been reaped (ESRCH).
     */
    public static boolean sendSignal(int pidfd, int signal) throws ErrnoException {
        // Native: pidfd_send_signal(2) with info NULL (the kernel fills a SI_USER siginfo) and flags 0.
        long rc = LIBC.syscall(ProcessLibC.SYS_PIDFD_SEND_SIGNAL, (long) pidfd, (long) signal, 0L, 0L);
        if (rc == 0) {
            return true;
        }
        ErrnoException error = ProcessLibC.lastError("pidfd_send_signal");
        if (error.errno() == ProcessLibC.ESRCH) {
            return false;
        }
        throw error;
    }

    /**
     * Reaps the child behind {@code pidfd} if it has exited, without blocking ({@code waitid(P_PIDFD, fd,
     * WEXITED|WNOHANG)}). Empty if it still runs. Only the parent can do this (ECHILD otherwise).
     */
    public static Optional<ChildState> reapIfExited(int pidfd) throws ErrnoException {
        // Native: siginfo_t is 128 bytes (bits/types/siginfo_t.h); for SIGCHLD: si_signo@0, si_errno@4,
        // si_code@8, si_pid@16, si_uid@20, si_status@24. Zeroed first: with WNOHANG and nothing to report
        // the kernel leaves si_pid 0.
        try (Memory info = new Memory(ProcessLibC.SIGINFO_BYTES)) {
            info.clear();
            while (LIBC.waitid(ProcessLibC.P_PIDFD, pidfd, info, ProcessLibC.WEXITED | ProcessLibC.WNOHANG) != 0) {
                ErrnoException error = ProcessLibC.lastError("waitid");
                if (error.errno() != ProcessLibC.EINTR) {
                    throw error;
                }
            }
            if (info.getInt(16) == 0) {
                return Optional.empty();
            }
            return Optional.of(new ChildState(info.getInt(8), info.getInt(24)));
        }
    }

    /**
     * Last resort when no pidfd could be opened for a fresh, not yet reaped child: its pid cannot have been reused,
     * so {@code kill} then a blocking {@code waitpid} are safe.
     */
    public static void killAndReap(int pid) {
        // Native: kill(2)/waitpid(2); status pointer NULL (not needed).
        LIBC.kill(pid, 9);
        while (LIBC.waitpid(pid, null, 0) < 0 && Native.getLastError() == ProcessLibC.EINTR) {
            // retry after a signal interrupted the wait
        }
    }

    public static void close(int fd) throws ErrnoException {
        Descriptors.close(fd);
    }
}
