package dev.albatross.tender.block;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.Deflater;

/**
 * A streamed read of a block ({@code Block_dump}, spec §7.6): {@link #next()} gives the chunks to send as
 * {@code Data (Block_data (Some chunk))}, then an empty value, the end ({@code Block_data None}).
 *
 * <p>Level 0 sends the file in 4096-byte pieces, as Albatross reads it. Levels 1 to 9 send one zlib stream
 * (RFC 1950) whose chunks follow the compressor: a chunk whenever its 64 KiB output buffer is full, and the rest
 * at the end (Albatross's compressor flushes the same way, at its 64 KiB {@code io_buffer_size}). Memory stays
 * bounded by those buffers whatever the block's size. One caller at a time; {@link #close()} releases the file.
 */
public final class BlockDump implements AutoCloseable {
    /** The size of a piece read from the file, and of a chunk at level 0. */
    public static final int PIECE_BYTES = 4096;
    static final int COMPRESSED_CHUNK_BYTES = 64 * 1024;

    private final String name;
    private final FileChannel channel;
    private final ByteBuffer piece = ByteBuffer.allocate(PIECE_BYTES);
    private final Optional<Deflater> deflater;
    private final byte[] compressed;
    private boolean ended;

    private BlockDump(String name, FileChannel channel, int level) {
        this.name = name;
        this.channel = channel;
        this.deflater = level == 0 ? Optional.empty() : Optional.of(new Deflater(level));
        this.compressed = level == 0 ? new byte[0] : new byte[COMPRESSED_CHUNK_BYTES];
    }

    static BlockDump open(String name, Path file, int level) throws BlockException {
        try {
            return new BlockDump(name, FileChannel.open(file, StandardOpenOption.READ), level);
        } catch (NoSuchFileException e) {
            throw new BlockException("dumping block " + name + ": no such block file", e);
        } catch (IOException e) {
            throw BlockException.of("dumping block " + name, e);
        }
    }

    /** The next chunk, or empty at the end (and from then on). */
    public Optional<byte[]> next() throws BlockException {
        if (ended) {
            return Optional.empty();
        }
        try {
            Optional<byte[]> chunk = deflater.isPresent() ? nextCompressed(deflater.get()) : nextPiece();
            if (chunk.isEmpty()) {
                close();
            }
            return chunk;
        } catch (IOException e) {
            close();
            throw BlockException.of("dumping block " + name, e);
        }
    }

    private Optional<byte[]> nextPiece() throws IOException {
        return readPiece() ? Optional.of(Arrays.copyOf(piece.array(), piece.limit())) : Optional.empty();
    }

    private Optional<byte[]> nextCompressed(Deflater zlib) throws IOException {
        int filled = 0;
        while (filled < compressed.length && !zlib.finished()) {
            if (zlib.needsInput()) {
                if (readPiece()) {
                    zlib.setInput(piece.array(), 0, piece.limit());
                } else {
                    zlib.finish();
                }
            }
            filled += zlib.deflate(compressed, filled, compressed.length - filled);
        }
        return filled == 0 ? Optional.empty() : Optional.of(Arrays.copyOf(compressed, filled));
    }

    /** Reads up to one piece into {@link #piece} (flipped for reading); false at the end of the file. */
    private boolean readPiece() throws IOException {
        piece.clear();
        while (piece.hasRemaining()) {
            if (channel.read(piece) < 0) {
                break;
            }
        }
        piece.flip();
        return piece.hasRemaining();
    }

    /** Releases the file and the compressor; the stream then ends. */
    @Override
    public void close() {
        if (ended) {
            return;
        }
        ended = true;
        deflater.ifPresent(Deflater::end);
        try {
            channel.close();
        } catch (IOException e) {
            // Ignored: a read-only descriptor has nothing to flush, and Linux releases it even when close fails.
        }
    }
}
