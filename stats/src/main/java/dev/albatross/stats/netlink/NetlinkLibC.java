package dev.albatross.stats.netlink;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The libc calls behind the route socket (Linux x86_64 and aarch64): {@code socket}, {@code setsockopt},
 * {@code send}, {@code recv}, {@code close}, {@code if_nametoindex}. Failures are detected by the return value,
 * then {@code errno} is read with {@link Native#getLastError()}, which JNA saves per thread after each call.
 */
final class NetlinkLibC {
    // bits/socket.h, linux/netlink.h, asm-generic/socket.h: the same on x86_64 and aarch64.
    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 02000000;
    static final int NETLINK_ROUTE = 0;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVTIMEO = 20;
    /** recv(2): return the datagram's real length even when it did not fit, so truncation is detected. */
    static final int MSG_TRUNC = 0x20;
    static final int EINTR = 4;
    static final int EAGAIN = 11;

    private static final LibC LIBC = Native.load("c", LibC.class);

    private NetlinkLibC() {
    }

    /** The raw binding; {@code ssize_t} and {@code size_t} are {@link NativeLong} (64-bit on our ABIs). */
    interface LibC extends Library {
        int socket(int domain, int type, int protocol);

        int setsockopt(int fd, int level, int name, Pointer value, int length);

        NativeLong send(int fd, Pointer buffer, NativeLong length, int flags);

        NativeLong recv(int fd, Pointer buffer, NativeLong length, int flags);

        int close(int fd);

        int if_nametoindex(String name);

        String strerror(int errnum);
    }

    static LibC libc() {
        return LIBC;
    }

    /** The exception for a call that returned -1, naming the step and the {@code errno} it left. */
    static NetlinkException lastError(String step) {
        // Native: the errno JNA saved for this thread right after the failed call (no libc call in between).
        int errno = Native.getLastError();
        return new NetlinkException(step + ": " + describe(errno) + " (errno " + errno + ")");
    }

    static int lastErrno() {
        // Native: as above, read before any other native call on this thread.
        return Native.getLastError();
    }

    static String describe(int errno) {
        // Native: string.h strerror; thread-safe in glibc >= 2.32 (static strings); JNA copies the char* and the
        // buffer stays libc's.
        String text = LIBC.strerror(errno);
        return text == null ? "errno " + errno : text;
    }
}
