package dev.albatross.tender.jna;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The glibc and Linux calls behind spawning and supervising tenders (Linux x86_64 and aarch64, glibc >= 2.34
 * for {@code posix_spawn_file_actions_addclosefrom_np}, kernel >= 5.3 for pidfds). Callers see Java types only,
 * through {@link PosixSpawn}, {@link ThreadAffinity}, {@link PidFd}, {@link Epoll}, {@link EventFd} and
 * {@link NamedPipe}; a failing call becomes a {@link ErrnoException}.
 *
 * <p>Errors are detected by the return value, then {@code errno} is read with {@link Native#getLastError()}, which
 * JNA saves per thread right after each call ({@code LastErrorException} is not used: it fires on any stale
 * {@code errno}). The {@code posix_spawn*} family returns the error number instead of setting {@code errno}.
 */
final class ProcessLibC {
    // asm-generic/errno-base.h and errno.h (same numbers on x86_64 and aarch64).
    static final int EINTR = 4;
    static final int ESRCH = 3;
    static final int EAGAIN = 11;
    static final int ENXIO = 6;

    // asm-generic/fcntl.h; these values hold for x86_64 and aarch64 (not alpha/sparc/mips).
    static final int O_RDONLY = 0;
    static final int O_WRONLY = 01;
    static final int O_NONBLOCK = 04000;
    static final int O_APPEND = 02000;
    static final int O_CLOEXEC = 02000000;
    static final int F_GETFL = 3;
    static final int F_SETFL = 4;

    // spawn.h (glibc): posix_spawnattr flags.
    static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    static final short POSIX_SPAWN_SETSID = 0x80;

    // linux/wait.h and bits/waitflags.h.
    static final int P_PIDFD = 3;
    static final int WEXITED = 4;
    static final int WNOHANG = 1;

    // sys/epoll.h and sys/eventfd.h.
    static final int EPOLL_CLOEXEC = O_CLOEXEC;
    static final int EPOLL_CTL_ADD = 1;
    static final int EPOLL_CTL_DEL = 2;
    static final int EPOLLIN = 0x001;
    static final int EFD_CLOEXEC = O_CLOEXEC;
    static final int EFD_NONBLOCK = O_NONBLOCK;

    // Syscall numbers of the unified table (asm-generic/unistd.h): the same on every architecture since 5.1.
    static final long SYS_PIDFD_SEND_SIGNAL = 424;
    static final long SYS_PIDFD_OPEN = 434;

    /**
     * Sizes of opaque glibc types on 64-bit Linux, from bits/types/__sigset_t.h (sigset_t: 1024 bits),
     * bits/cpu-set.h (cpu_set_t: CPU_SETSIZE 1024 bits), spawn.h (posix_spawnattr_t: 336 bytes,
     * posix_spawn_file_actions_t: 80 bytes) and bits/types/siginfo_t.h (siginfo_t: 128 bytes). The spawn types
     * get twice their size as headroom: glibc only ever writes within the real size.
     */
    static final int SIGSET_BYTES = 128;
    static final int CPU_SET_BYTES = 128;
    static final int SPAWNATTR_BYTES = 2 * 336;
    static final int FILE_ACTIONS_BYTES = 2 * 80;
    static final int SIGINFO_BYTES = 128;

    /**
     * {@code struct epoll_event} (sys/epoll.h): a u32 event mask then a u64 data word. glibc declares it
     * {@code __attribute__((packed))} on x86_64 only (12 bytes, data at offset 4); elsewhere natural alignment
     * applies (16 bytes, data at offset 8).
     */
    static final int EPOLL_EVENT_BYTES = Platform.isIntel() ? 12 : 16;
    static final int EPOLL_EVENT_DATA_OFFSET = Platform.isIntel() ? 4 : 8;

    static final LibC LIBC = Native.load("c", LibC.class);

    private ProcessLibC() {
    }

    /** The raw binding. Pointer arguments are JNA {@code Memory} blocks sized by the constants above. */
    interface LibC extends Library {
        int posix_spawn(IntByReference pid, String path, Pointer fileActions, Pointer attr, String[] argv,
                        String[] envp);

        int posix_spawn_file_actions_init(Pointer fileActions);

        int posix_spawn_file_actions_destroy(Pointer fileActions);

        int posix_spawn_file_actions_addopen(Pointer fileActions, int fd, String path, int oflag, int mode);

        int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newFd);

        int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int from);

        int posix_spawnattr_init(Pointer attr);

        int posix_spawnattr_destroy(Pointer attr);

        int posix_spawnattr_setflags(Pointer attr, short flags);

        int posix_spawnattr_setsigmask(Pointer attr, Pointer sigset);

        int posix_spawnattr_setsigdefault(Pointer attr, Pointer sigset);

        int sigemptyset(Pointer sigset);

        int sigaddset(Pointer sigset, int signal);

        int sched_getaffinity(int tid, long sizeBytes, Pointer mask);

        int sched_setaffinity(int tid, long sizeBytes, Pointer mask);

        /** Variadic in C: the arguments are passed as {@code Long}s so each fills a full register. */
        long syscall(long number, Object... args);

        int waitid(int idType, int id, Pointer siginfo, int options);

        int kill(int pid, int signal);

        int waitpid(int pid, Pointer status, int options);

        int epoll_create1(int flags);

        int epoll_ctl(int epfd, int op, int fd, Pointer event);

        int epoll_wait(int epfd, Pointer events, int maxEvents, int timeoutMillis);

        int eventfd(int initialValue, int flags);

        long read(int fd, Pointer buffer, long count);

        long write(int fd, Pointer buffer, long count);

        int close(int fd);

        /** Variadic in C ({@code mode}); on the supported ABIs a fixed third argument is passed alike. */
        int open(String path, int flags, int mode);

        /** Variadic in C; as for {@code open}. */
        int fcntl(int fd, int command, int argument);

        int mkfifo(String path, int mode);

        String strerror(int errno);
    }

    /** The exception for a failed call, with errno read right after it on this thread. */
    static ErrnoException lastError(String call) {
        return error(call, Native.getLastError());
    }

    static ErrnoException error(String call, int errno) {
        return new ErrnoException(call, errno, LIBC.strerror(errno));
    }
}
