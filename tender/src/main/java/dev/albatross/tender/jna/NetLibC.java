package dev.albatross.tender.jna;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The libc calls behind tap devices and bridges (Linux x86_64 and aarch64): {@code open}, {@code socket},
 * {@code ioctl}, {@code close}. Callers see Java types only, through {@link NetTun} and {@link NetControlSocket};
 * a failing call becomes a {@link ErrnoException}.
 *
 * <p>Errors are detected by the return value ({@code -1}), then {@code errno} is read with
 * {@link Native#getLastError()}, which JNA saves per thread right after each call. We do not declare
 * {@code LastErrorException}: JNA would then throw whenever {@code errno} is non-zero after the call, and a
 * successful libc call may set {@code errno} along the way.
 */
public final class NetLibC {
    /** {@code IFF_TAP} from linux/if_tun.h: a layer-2 (ethernet) device. */
    public static final int IFF_TAP = 0x0002;
    /** {@code IFF_NO_PI} from linux/if_tun.h: no packet-information header before each frame. */
    public static final int IFF_NO_PI = 0x1000;
    /** {@code IFF_TUN_EXCL} from linux/if_tun.h: fail with EBUSY instead of attaching to an existing device. */
    public static final int IFF_TUN_EXCL = 0x8000;
    /** {@code IFF_UP} from linux/if.h ({@code enum net_device_flags}). */
    public static final int IFF_UP = 0x1;

    /** {@code EBUSY} from asm-generic/errno-base.h. */
    public static final int EBUSY = 16;
    /** {@code EEXIST} from asm-generic/errno-base.h. */
    public static final int EEXIST = 17;

    /** {@code IFNAMSIZ} from linux/if.h: interface names are at most this minus the terminating NUL. */
    public static final int IFNAMSIZ = 16;

    // asm-generic/fcntl.h and bits/socket_type.h; these values hold for x86_64 and aarch64 (not alpha/sparc/mips).
    static final int O_RDWR = 02;
    static final int O_CLOEXEC = 02000000;
    static final int AF_INET = 2;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_CLOEXEC = 02000000;

    // Request numbers, checked against /usr/include/linux/if_tun.h and linux/sockios.h.
    static final long TUNSETIFF = 0x400454caL;      // _IOW('T', 202, int)
    static final long TUNSETPERSIST = 0x400454cbL;  // _IOW('T', 203, int)
    static final long SIOCGIFFLAGS = 0x8913L;
    static final long SIOCSIFFLAGS = 0x8914L;
    static final long SIOCGIFINDEX = 0x8933L;
    static final long SIOCBRADDIF = 0x89a2L;

    private static final LibC LIBC = Native.load("c", LibC.class);

    private NetLibC() {
    }

    /**
     * The raw binding. {@code ioctl} is variadic in C; on the supported ABIs (SysV x86_64, AAPCS64 on Linux) a
     * fixed pointer or long third argument is passed exactly like the variadic one.
     */
    interface LibC extends Library {
        int open(String path, int flags);

        int socket(int domain, int type, int protocol);

        int ioctl(int fd, NativeLong request, Pointer arg);

        int ioctl(int fd, NativeLong request, NativeLong arg);

        int close(int fd);

        String strerror(int errnum);
    }

    static LibC libc() {
        return LIBC;
    }

    /** The exception for a call that returned -1, with the {@code errno} it left. */
    static ErrnoException lastError(String call) {
        // Native: the errno JNA saved for this thread right after the failed call (no libc call in between).
        int errno = Native.getLastError();
        return new ErrnoException(call, errno, describe(errno));
    }

    /**
     * The text of an {@code errno}, e.g. "Operation not permitted". glibc's {@code strerror} is thread-safe
     * since 2.32: it returns a static string, or a thread-local buffer for unknown numbers.
     */
    static String describe(int errno) {
        // Native: string.h strerror; JNA copies the returned char* into a Java String, and the buffer belongs to
        // libc (never freed by us).
        String text = LIBC.strerror(errno);
        return text == null ? "errno " + errno : text;
    }
}
