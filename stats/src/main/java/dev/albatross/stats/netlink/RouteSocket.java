package dev.albatross.stats.netlink;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/**
 * One {@code NETLINK_ROUTE} socket, kept open across rounds, with one receive buffer. Owned by one thread.
 */
final class RouteSocket implements AutoCloseable {
    /**
     * The kernel sizes dump messages by our read size, capped at 32 KiB ({@code netlink_recvmsg}); twice that
     * leaves no chance of truncation, which {@code MSG_TRUNC} would reveal anyway.
     */
    static final int RECEIVE_BYTES = 64 * 1024;
    /** The kernel answers a dump at once; the timeout only keeps a broken socket from stalling the collector. */
    static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(5);

    private final int fd;
    private final Memory buffer = new Memory(RECEIVE_BYTES);
    private boolean closed;

    private RouteSocket(int fd) {
        this.fd = fd;
    }

    static RouteSocket open() throws NetlinkException {
        NetlinkLibC.LibC c = NetlinkLibC.libc();
        // Native: socket(2), linux/netlink.h; the fd is ours and closed in close().
        int fd = c.socket(NetlinkLibC.AF_NETLINK, NetlinkLibC.SOCK_RAW | NetlinkLibC.SOCK_CLOEXEC,
                NetlinkLibC.NETLINK_ROUTE);
        if (fd < 0) {
            throw NetlinkLibC.lastError("socket(AF_NETLINK, NETLINK_ROUTE)");
        }
        // Native: struct timeval { long tv_sec; long tv_usec; } (16 bytes on 64-bit); setsockopt copies it.
        Memory timeval = new Memory(16);
        timeval.setLong(0, RECEIVE_TIMEOUT.toSeconds());
        timeval.setLong(8, 0);
        if (c.setsockopt(fd, NetlinkLibC.SOL_SOCKET, NetlinkLibC.SO_RCVTIMEO, timeval, 16) != 0) {
            NetlinkException e = NetlinkLibC.lastError("setsockopt(SO_RCVTIMEO)");
            c.close(fd);
            throw e;
        }
        return new RouteSocket(fd);
    }

    void send(ByteBuffer request) throws NetlinkException {
        int n = request.remaining();
        // Native: a copy of the request in native memory, freed by the GC after the call; the kernel copies it.
        byte[] bytes = new byte[n];
        request.get(request.position(), bytes);
        Memory m = new Memory(n);
        m.write(0, bytes, 0, n);
        while (true) {
            // Native: send(2) to the kernel (an unconnected netlink socket sends to port 0, the kernel).
            long sent = NetlinkLibC.libc().send(fd, m, new NativeLong(n), 0).longValue();
            if (sent == n) {
                return;
            }
            if (sent >= 0) {
                throw new NetlinkException("send(RTM_GETLINK): sent " + sent + " of " + n + " bytes");
            }
            if (NetlinkLibC.lastErrno() != NetlinkLibC.EINTR) {
                throw NetlinkLibC.lastError("send(RTM_GETLINK)");
            }
        }
    }

    /**
     * Receives one datagram; the returned buffer is a view of this socket's native buffer, valid until the next
     * call (the parser copies what it keeps).
     */
    ByteBuffer receive() throws NetlinkException {
        while (true) {
            // Native: recv(2) into our RECEIVE_BYTES buffer; with MSG_TRUNC the result is the datagram's length.
            long n = NetlinkLibC.libc().recv(fd, buffer, new NativeLong(RECEIVE_BYTES), NetlinkLibC.MSG_TRUNC)
                    .longValue();
            if (n > RECEIVE_BYTES) {
                throw new NetlinkException("recv(rtnetlink): a " + n + "-byte message did not fit the buffer");
            }
            if (n >= 0) {
                return buffer.getByteBuffer(0, n).order(ByteOrder.nativeOrder());
            }
            int errno = NetlinkLibC.lastErrno();
            if (errno == NetlinkLibC.EAGAIN) {
                throw new NetlinkException("recv(rtnetlink): no answer within " + RECEIVE_TIMEOUT.toSeconds() + " s");
            }
            if (errno != NetlinkLibC.EINTR) {
                throw new NetlinkException("recv(rtnetlink): " + NetlinkLibC.describe(errno) + " (errno " + errno
                        + ")");
            }
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            // Native: close(2) of the fd opened in open(); an error here leaves nothing to undo.
            NetlinkLibC.libc().close(fd);
        }
    }
}
