package dev.albatross.tender.jna;

import com.sun.jna.NativeLong;

/**
 * A datagram socket used only as a handle for interface ioctls (flags, index, bridge membership); it never
 * sends. Owns the descriptor; {@link #close()} releases it.
 */
public final class NetControlSocket implements AutoCloseable {
    private final int fd;
    private boolean closed;

    private NetControlSocket(int fd) {
        this.fd = fd;
    }

    public static NetControlSocket open() throws ErrnoException {
        // Native: socket(2) AF_INET/SOCK_DGRAM, the customary handle for SIOC* interface ioctls (linux/sockios.h).
        // SOCK_CLOEXEC keeps it out of spawned tenders. The returned object owns the descriptor.
        int fd = NetLibC.libc().socket(NetLibC.AF_INET, NetLibC.SOCK_DGRAM | NetLibC.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw NetLibC.lastError("socket(AF_INET, SOCK_DGRAM)");
        }
        return new NetControlSocket(fd);
    }

    /** The interface flags (SIOCGIFFLAGS), e.g. {@link NetLibC#IFF_UP}, as an unsigned 16-bit value. */
    public int flags(String name) throws ErrnoException {
        try (NetIfreq request = new NetIfreq(name)) {
            call(NetLibC.SIOCGIFFLAGS, "ioctl(SIOCGIFFLAGS)", request);
            return Short.toUnsignedInt(request.shortValue());
        }
    }

    /** Sets the interface flags (SIOCSIFFLAGS); only the low 16 bits are kept, as in {@code ifr_flags}. */
    public void setFlags(String name, int flags) throws ErrnoException {
        try (NetIfreq request = new NetIfreq(name)) {
            request.setShortValue((short) flags);
            call(NetLibC.SIOCSIFFLAGS, "ioctl(SIOCSIFFLAGS)", request);
        }
    }

    /** The interface index (SIOCGIFINDEX). */
    public int index(String name) throws ErrnoException {
        try (NetIfreq request = new NetIfreq(name)) {
            call(NetLibC.SIOCGIFINDEX, "ioctl(SIOCGIFINDEX)", request);
            return request.intValue();
        }
    }

    /** Makes the interface with index {@code ifIndex} a port of {@code bridge} (SIOCBRADDIF). */
    public void addToBridge(String bridge, int ifIndex) throws ErrnoException {
        try (NetIfreq request = new NetIfreq(bridge)) {
            request.setIntValue(ifIndex);
            call(NetLibC.SIOCBRADDIF, "ioctl(SIOCBRADDIF)", request);
        }
    }

    private void call(long requestNumber, String call, NetIfreq request) throws ErrnoException {
        if (closed) {
            throw new IllegalStateException("control socket already closed");
        }
        // Native: linux/sockios.h request on a struct ifreq (NetIfreq: name at 0, union at 16, 40 bytes), read and
        // written by the kernel during the call only; the caller frees the buffer.
        if (NetLibC.libc().ioctl(fd, new NativeLong(requestNumber), request.pointer()) < 0) {
            throw NetLibC.lastError(call);
        }
    }

    @Override
    public void close() throws ErrnoException {
        if (closed) {
            return;
        }
        closed = true;
        // Native: close(2); released even on error, never retried.
        if (NetLibC.libc().close(fd) < 0) {
            throw NetLibC.lastError("close(socket)");
        }
    }
}
