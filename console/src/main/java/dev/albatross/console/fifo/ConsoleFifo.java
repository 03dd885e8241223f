package dev.albatross.console.fifo;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import dev.albatross.console.LineSplitter;
import dev.albatross.protocol.name.Name;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** The read end of one unikernel's console fifo, and the line splitter of what comes out of it. */
final class ConsoleFifo {
    /** {@code S_IFMT} and {@code S_IFIFO} of {@code sys/stat.h}. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;

    final Name name;
    final int fd;
    final long token;
    final LineSplitter splitter = new LineSplitter();

    private ConsoleFifo(Name name, int fd, long token) {
        this.name = name;
        this.fd = fd;
        this.token = token;
    }

    /**
     * Opens {@code fifo} for reading without blocking: a fifo opened so has a reader at once, so the tender's
     * {@code open(O_WRONLY)} does not block, and reports hang-up only after a writer came and went.
     */
    static ConsoleFifo open(Name name, Path fifo, long token) throws IOException {
        Object mode;
        try {
            mode = Files.getAttribute(fifo, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new IOException("console of " + name + ": no fifo " + fifo + " (" + e + ")", e);
        }
        if (!(mode instanceof Integer m) || (m & S_IFMT) != S_IFIFO) {
            throw new IOException("console of " + name + ": " + fifo + " is not a fifo");
        }
        // Native: open(2) returns a new fd owned by this ConsoleFifo; FifoReader closes it with close() when the
        // console ends or the reader stops. O_CLOEXEC keeps it out of the tenders the daemon spawns.
        int fd = LibC.INSTANCE.open(fifo.toString(), LibC.O_RDONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
        if (fd < 0) {
            throw Errno.exception("opening console fifo " + fifo + " of " + name);
        }
        return new ConsoleFifo(name, fd, token);
    }

    /**
     * One read(2) of up to {@code buffer.size()} bytes into {@code buffer}: the byte count, 0 at end of file (no
     * writer left), or -1 if nothing is there now.
     */
    int read(Memory buffer) throws IOException {
        // Native: read(2) writes at most buffer.size() bytes into the native buffer the reader owns and reuses.
        long n = LibC.INSTANCE.read(fd, buffer, buffer.size());
        if (n >= 0) {
            return (int) n;
        }
        int errno = Native.getLastError();
        if (errno == LibC.EAGAIN || errno == LibC.EINTR) {
            return -1;
        }
        throw Errno.exception("reading console fifo of " + name, errno);
    }

    void close() throws IOException {
        // Native: closes the fd opened in open(); called once, by FifoReader, after removing it from epoll.
        if (LibC.INSTANCE.close(fd) != 0) {
            throw Errno.exception("closing console fifo of " + name);
        }
    }
}
