package dev.albatross.protocol.wire;

import dev.albatross.protocol.der.Bytes;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The framing of every Unix socket and TLS stream (spec §2):
 * <pre>
 * +---------------------------+---------------------------+
 * | length: int32, big-endian | payload: length bytes     |
 * +---------------------------+---------------------------+
 * </pre>
 * A length {@code <= 0} ends a stream (spec §2.1): a zero-length frame terminates raw chunk streams (block
 * uploads, streamed images, spec §2.2). Albatross has no upper bound; we refuse frames above a configurable
 * limit before reading them, so a peer cannot make us buffer 2 GiB.
 *
 * <p>Plain functions over a caller's blocking streams; the daemons wrap the same rules in Netty handlers.
 */
public final class Framing {
    /** Enough for a 64 MiB image inside a create command, with room for a generous compressed-size margin. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 80 * 1024 * 1024;

    /** The end-of-stream marker, a frame of length zero. */
    private static final byte[] END = new byte[4];

    private Framing() {
    }

    /** What one read of a frame yields. */
    public sealed interface Frame {
        /** A frame with a positive length. */
        record Chunk(Bytes payload) implements Frame {
            public Chunk {
                Objects.requireNonNull(payload, "payload");
            }
        }

        /** A length {@code <= 0}: the sender ends the stream. */
        record End() implements Frame {
        }
    }

    /** A frame whose length exceeds the limit; nothing of it was read. */
    public static final class FrameTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        public FrameTooLargeException(long length, int limit) {
            super("frame of " + length + " bytes exceeds the limit of " + limit + " bytes");
        }
    }

    /** The 4-byte length prefix for {@code length}. */
    public static byte[] lengthPrefix(int length) {
        return new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
    }

    /** Reads the length in {@code buf[offset, offset + 4)}. */
    public static int length(byte[] buf, int offset) {
        return ((buf[offset] & 0xFF) << 24) | ((buf[offset + 1] & 0xFF) << 16) | ((buf[offset + 2] & 0xFF) << 8)
                | (buf[offset + 3] & 0xFF);
    }

    /** {@code payload} as one frame. */
    public static byte[] frame(byte[] payload) {
        byte[] out = new byte[4 + payload.length];
        System.arraycopy(lengthPrefix(payload.length), 0, out, 0, 4);
        System.arraycopy(payload, 0, out, 4, payload.length);
        return out;
    }

    /** Writes {@code payload[offset, offset + length)} as one frame. */
    public static void writeFrame(OutputStream out, byte[] payload, int offset, int length) throws IOException {
        out.write(lengthPrefix(length));
        out.write(payload, offset, length);
    }

    /** Writes {@code wire} as one frame, encoding into a single buffer. */
    public static void writeWire(OutputStream out, Wire wire) throws IOException {
        out.write(WireCodec.encodeFramed(wire));
    }

    /** Writes the zero-length frame that ends a raw chunk stream. */
    public static void writeEnd(OutputStream out) throws IOException {
        out.write(END);
    }

    /**
     * Reads one frame. A stream that ends before a frame starts yields {@link Frame.End}, like a zero length;
     * one that ends inside a frame is an {@link EOFException}.
     */
    public static Frame readFrame(InputStream in, int maxBytes) throws IOException {
        byte[] prefix = new byte[4];
        int got = in.readNBytes(prefix, 0, 4);
        if (got == 0) {
            return new Frame.End();
        }
        if (got < 4) {
            throw new EOFException("stream ended inside a frame's length");
        }
        int length = length(prefix, 0);
        if (length <= 0) {
            return new Frame.End();
        }
        if (length > maxBytes) {
            throw new FrameTooLargeException(length, maxBytes);
        }
        byte[] payload = new byte[length];
        if (in.readNBytes(payload, 0, length) < length) {
            throw new EOFException("stream ended inside a frame of " + length + " bytes");
        }
        return new Frame.Chunk(Bytes.wrap(payload));
    }
}
