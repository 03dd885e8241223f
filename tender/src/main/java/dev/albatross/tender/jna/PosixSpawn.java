package dev.albatross.tender.jna;

import static dev.albatross.tender.jna.ProcessLibC.LIBC;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.util.List;

/**
 * Starts a child with glibc's {@code posix_spawn} (a {@code clone(CLONE_VM|CLONE_VFORK)} then {@code execve}: no
 * copy of the JVM's address space, and exec failures come back as the return value).
 *
 * <p>The child gets: its own session ({@code POSIX_SPAWN_SETSID}); an empty signal mask and the default disposition
 * for every catchable signal (the JVM blocks and handles several, and ignored signals would survive exec); stdin
 * from {@code /dev/null}; stdout and stderr on the given descriptor; and no other descriptor, whatever the JVM left
 * without {@code FD_CLOEXEC} ({@code closefrom(3)} in the child). It inherits the calling thread's CPU affinity.
 */
public final class PosixSpawn {
    private static final int SIGKILL = 9;
    private static final int SIGSTOP = 19;
    /** _NSIG - 1 on Linux: signals are numbered 1..64. */
    private static final int MAX_SIGNAL = 64;

    private PosixSpawn() {
    }

    /**
     * Spawns {@code path} (absolute; no PATH search) and returns the child's pid.
     *
     * @param outputFd open for writing in the caller; becomes the child's fds 1 and 2. The caller still owns it.
     * @throws ErrnoException naming {@code posix_spawn} with the exec error (ENOENT, EACCES, ENOEXEC, ...)
     */
    public static int spawn(String path, List<String> argv, List<String> environment, int outputFd)
            throws ErrnoException {
        // Native: spawn.h; posix_spawnattr_t and posix_spawn_file_actions_t are opaque, sized in ProcessLibC with
        // headroom; both are init'ed and destroyed here, and the Memory is freed by try-with-resources.
        try (Memory attr = new Memory(ProcessLibC.SPAWNATTR_BYTES);
             Memory actions = new Memory(ProcessLibC.FILE_ACTIONS_BYTES);
             Memory emptyMask = new Memory(ProcessLibC.SIGSET_BYTES);
             Memory defaults = new Memory(ProcessLibC.SIGSET_BYTES)) {
            check("posix_spawnattr_init", LIBC.posix_spawnattr_init(attr));
            try {
                check("posix_spawn_file_actions_init", LIBC.posix_spawn_file_actions_init(actions));
                try {
                    configureAttributes(attr, emptyMask, defaults);
                    configureFileActions(actions, outputFd);
                    IntByReference pid = new IntByReference();
                    // Native: argv and envp become NULL-terminated char* arrays that JNA frees after the call;
                    // execve copies them into the child.
                    int rc = LIBC.posix_spawn(pid, path, actions, attr, argv.toArray(String[]::new),
                            environment.toArray(String[]::new));
                    check("posix_spawn", rc);
                    return pid.getValue();
                } finally {
                    LIBC.posix_spawn_file_actions_destroy(actions);
                }
            } finally {
                LIBC.posix_spawnattr_destroy(attr);
            }
        }
    }

    private static void configureAttributes(Pointer attr, Pointer emptyMask, Pointer defaults)
            throws ErrnoException {
        // Native: sigset_t is 128 bytes (bits/types/__sigset_t.h); sigemptyset/sigaddset only write inside it.
        LIBC.sigemptyset(emptyMask);
        LIBC.sigemptyset(defaults);
        for (int signal = 1; signal <= MAX_SIGNAL; signal++) {
            if (signal != SIGKILL && signal != SIGSTOP) {
                // glibc refuses its two internal signals (32, 33) with EINVAL; they are reset by exec anyway.
                LIBC.sigaddset(defaults, signal);
            }
        }
        check("posix_spawnattr_setsigmask", LIBC.posix_spawnattr_setsigmask(attr, emptyMask));
        check("posix_spawnattr_setsigdefault", LIBC.posix_spawnattr_setsigdefault(attr, defaults));
        short flags = (short) (ProcessLibC.POSIX_SPAWN_SETSID | ProcessLibC.POSIX_SPAWN_SETSIGMASK
                | ProcessLibC.POSIX_SPAWN_SETSIGDEF);
        check("posix_spawnattr_setflags", LIBC.posix_spawnattr_setflags(attr, flags));
    }

    private static void configureFileActions(Pointer actions, int outputFd) throws ErrnoException {
        // Native: the actions run in the child in this order. The path string is copied by glibc (strdup).
        // /dev/null is opened by the child onto fd 0 and owned by it.
        check("posix_spawn_file_actions_addopen",
                LIBC.posix_spawn_file_actions_addopen(actions, 0, "/dev/null", ProcessLibC.O_RDONLY, 0));
        check("posix_spawn_file_actions_adddup2", LIBC.posix_spawn_file_actions_adddup2(actions, outputFd, 1));
        check("posix_spawn_file_actions_adddup2", LIBC.posix_spawn_file_actions_adddup2(actions, outputFd, 2));
        // The JVM opens files and sockets without O_CLOEXEC (java.io, NIO), so hygiene alone cannot keep the
        // daemon's descriptors (sockets, state file, other consoles) out of a tender: close them all.
        check("posix_spawn_file_actions_addclosefrom_np",
                LIBC.posix_spawn_file_actions_addclosefrom_np(actions, 3));
    }

    private static void check(String call, int rc) throws ErrnoException {
        if (rc != 0) {
            throw ProcessLibC.error(call, rc);
        }
    }
}
