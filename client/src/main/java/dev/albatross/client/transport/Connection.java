package dev.albatross.client.transport;

import dev.albatross.protocol.wire.Framing;
import dev.albatross.protocol.wire.Wire;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One framed connection to a daemon or the TLS endpoint (spec §2): wire messages and raw chunks out, frames in.
 * Unix sockets and TLS carry the same framing, so both are this class over their streams.
 */
public final class Connection implements Closeable {
    /**
     * Replies we accept: a {@code get} of a large compressed image is the biggest; Albatross itself has no
     * limit, the protocol codec's default keeps a broken peer from making us buffer 2 GiB.
     */
    static final int MAX_FRAME_BYTES = Framing.DEFAULT_MAX_FRAME_BYTES;

    private final InputStream in;
    private final OutputStream out;
    private final Closeable underlying;

    Connection(InputStream in, OutputStream out, Closeable underlying) {
        this.in = new BufferedInputStream(in, 1 << 16);
        this.out = new BufferedOutputStream(out, 1 << 16);
        this.underlying = underlying;
    }

    /** A connection over caller-provided streams, e.g. a test's pipes. */
    public static Connection over(InputStream in, OutputStream out, Closeable underlying) {
        return new Connection(in, out, underlying);
    }

    /** Sends one wire message as a frame. */
    public void send(Wire wire) throws IOException {
        Framing.writeWire(out, wire);
        out.flush();
    }

    /** Sends {@code data[offset, offset + length)} as one raw chunk (not flushed: more chunks follow). */
    public void sendChunk(byte[] data, int offset, int length) throws IOException {
        Framing.writeFrame(out, data, offset, length);
    }

    /** Ends a raw chunk stream with a zero-length frame and flushes. */
    public void sendEnd() throws IOException {
        Framing.writeEnd(out);
        out.flush();
    }

    /** Reads one frame; the end of the stream (or a length {@code <= 0}) is {@link Framing.Frame.End}. */
    public Framing.Frame read() throws IOException {
        return Framing.readFrame(in, MAX_FRAME_BYTES);
    }

    @Override
    public void close() throws IOException {
        underlying.close();
    }
}
