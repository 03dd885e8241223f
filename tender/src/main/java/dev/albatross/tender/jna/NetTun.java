package dev.albatross.tender.jna;

import com.sun.jna.NativeLong;

/**
 * An open {@code /dev/net/tun} file descriptor: binds to (or creates) a tun/tap interface and sets whether the
 * interface outlives the descriptor. Owns the descriptor; {@link #close()} releases it.
 */
public final class NetTun implements AutoCloseable {
    private static final String DEVICE = "/dev/net/tun";

    private final int fd;
    private boolean closed;

    private NetTun(int fd) {
        this.fd = fd;
    }

    public static NetTun open() throws ErrnoException {
        // Native: open(2); the tun driver needs O_RDWR. O_CLOEXEC: a tender spawned meanwhile by another thread must
        // not inherit the descriptor, or the tap would stay attached to that process. The returned NetTun owns fd.
        int fd = NetLibC.libc().open(DEVICE, NetLibC.O_RDWR | NetLibC.O_CLOEXEC);
        if (fd < 0) {
            throw NetLibC.lastError("open(" + DEVICE + ")");
        }
        return new NetTun(fd);
    }

    /**
     * Binds this descriptor to the interface {@code name} with TUNSETIFF: creates it if absent; if it exists,
     * attaches to it, or fails with EBUSY when {@code flags} has {@link NetLibC#IFF_TUN_EXCL}.
     *
     * @param flags {@code ifr_flags}: {@link NetLibC#IFF_TAP}, {@link NetLibC#IFF_NO_PI}, ...
     * @return the interface name the kernel reports back
     */
    public String bind(String name, int flags) throws ErrnoException {
        requireOpen();
        try (NetIfreq request = new NetIfreq(name)) {
            request.setShortValue((short) flags);
            // Native: linux/if_tun.h TUNSETIFF = _IOW('T', 202, int); the argument is a struct ifreq (name and
            // ifr_flags) that the kernel reads and writes back. The buffer is ours, freed by try-with-resources.
            if (NetLibC.libc().ioctl(fd, new NativeLong(NetLibC.TUNSETIFF), request.pointer()) < 0) {
                throw NetLibC.lastError("ioctl(TUNSETIFF)");
            }
            return request.name();
        }
    }

    /** TUNSETPERSIST: whether the bound interface survives the close of its last descriptor. */
    public void setPersistent(boolean persistent) throws ErrnoException {
        requireOpen();
        // Native: linux/if_tun.h TUNSETPERSIST = _IOW('T', 203, int), but the kernel reads the argument itself as
        // the value (not a pointer), so it is passed as an unsigned long in the variadic slot.
        if (NetLibC.libc().ioctl(fd, new NativeLong(NetLibC.TUNSETPERSIST), new NativeLong(persistent ? 1 : 0)) < 0) {
            throw NetLibC.lastError("ioctl(TUNSETPERSIST)");
        }
    }

    @Override
    public void close() throws ErrnoException {
        if (closed) {
            return;
        }
        closed = true;
        // Native: close(2). On Linux the descriptor is released even when close reports an error, so it is never
        // retried.
        if (NetLibC.libc().close(fd) < 0) {
            throw NetLibC.lastError("close(" + DEVICE + ")");
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("tun descriptor already closed");
        }
    }
}
