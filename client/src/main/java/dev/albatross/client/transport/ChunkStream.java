package dev.albatross.client.transport;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.Adler32;
import java.util.zip.Deflater;

/**
 * Sends a file as a raw chunk stream (spec §2.2), as {@code set-block} and {@code create-block --data} do: the
 * file in 4096-byte reads, or (compression level above 0) zlib output in chunks of at most 64 KiB, then the
 * zero-length end chunk.
 *
 * <p>Compat: Albatross compresses with the {@code decompress} library, whose deflate output differs from zlib's
 * (both are valid RFC 1950 streams and the daemon inflates either). What we can keep, we keep: its zlib header
 * (FLEVEL from its level table) and its chunking, the Adler-32 trailer as a chunk of its own.
 */
public final class ChunkStream {
    /** The read size of Albatross's {@code dump_file_stream}. */
    static final int READ_BYTES = 4096;
    /** {@code De.io_buffer_size}: the compressor's output buffer, flushed as one chunk when full. */
    static final int COMPRESSED_CHUNK_BYTES = 1 << 16;

    private ChunkStream() {
    }

    /** How sending went: sent, the file could not be read, or the connection failed. */
    public sealed interface Outcome {
        record Sent() implements Outcome {
        }

        record FileFailed(IOException cause) implements Outcome {
        }

        record ConnectionFailed(IOException cause) implements Outcome {
        }
    }

    /** Sends {@code file} over {@code connection}, ending the stream only if everything was sent. */
    public static Outcome send(Connection connection, InputStream file, int level) {
        return level == 0 ? sendRaw(connection, file) : sendCompressed(connection, file, level);
    }

    private static Outcome sendRaw(Connection connection, InputStream file) {
        byte[] buf = new byte[READ_BYTES];
        while (true) {
            int n;
            try {
                n = file.readNBytes(buf, 0, buf.length);
            } catch (IOException e) {
                return new Outcome.FileFailed(e);
            }
            try {
                if (n == 0) {
                    connection.sendEnd();
                    return new Outcome.Sent();
                }
                connection.sendChunk(buf, 0, n);
            } catch (IOException e) {
                return new Outcome.ConnectionFailed(e);
            }
        }
    }

    private static Outcome sendCompressed(Connection connection, InputStream file, int level) {
        Deflater deflater = new Deflater(level, true);
        Adler32 adler = new Adler32();
        byte[] in = new byte[READ_BYTES];
        byte[] out = new byte[COMPRESSED_CHUNK_BYTES];
        byte[] header = Zlib.header(level);
        System.arraycopy(header, 0, out, 0, header.length);
        int filled = header.length;
        try {
            while (true) {
                int n;
                try {
                    n = file.readNBytes(in, 0, in.length);
                } catch (IOException e) {
                    return new Outcome.FileFailed(e);
                }
                if (n == 0) {
                    deflater.finish();
                } else {
                    adler.update(in, 0, n);
                    deflater.setInput(in, 0, n);
                }
                while (true) {
                    filled += deflater.deflate(out, filled, out.length - filled);
                    if (filled == out.length) {
                        connection.sendChunk(out, 0, filled);
                        filled = 0;
                    } else if (deflater.finished() || (n > 0 && deflater.needsInput())) {
                        break;
                    }
                }
                if (deflater.finished()) {
                    if (filled > 0) {
                        connection.sendChunk(out, 0, filled);
                    }
                    byte[] trailer = Zlib.trailer(adler.getValue());
                    connection.sendChunk(trailer, 0, trailer.length);
                    connection.sendEnd();
                    return new Outcome.Sent();
                }
            }
        } catch (IOException e) {
            return new Outcome.ConnectionFailed(e);
        } finally {
            deflater.end();
        }
    }
}
