package dev.albatross.tender.block;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates one zlib stream (RFC 1950) fed in arbitrary pieces, handing the output on one buffer at a time.
 * The consumer sees each buffer before the next is produced, so a size limit it enforces bounds the work to the
 * limit plus one buffer, however well the input compresses. Not thread-safe; {@link #end()} frees native memory.
 */
final class ZlibDecoder {
    /** What receives inflated data; it may refuse (e.g. over the size limit) by throwing. */
    interface Output {
        void accept(ByteBuffer inflated) throws BlockException;
    }

    // The unit of work between limit checks: large enough to keep the inflater efficient, small enough to bound
    // what a zip bomb makes us write before it is refused.
    static final int BUFFER_BYTES = 64 * 1024;

    private final Inflater inflater = new Inflater();
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);

    /** Inflates all of {@code input} (consuming it) into {@code output}. */
    void inflate(ByteBuffer input, Output output) throws BlockException {
        if (!input.hasRemaining()) {
            return;
        }
        if (inflater.finished()) {
            throw new BlockException("corrupt zlib stream: data after the end of the stream");
        }
        inflater.setInput(input);
        while (true) {
            buffer.clear();
            int produced;
            try {
                produced = inflater.inflate(buffer);
            } catch (DataFormatException e) {
                throw new BlockException("corrupt zlib stream: " + e.getMessage(), e);
            }
            if (produced > 0) {
                buffer.flip();
                output.accept(buffer);
            } else if (inflater.needsDictionary()) {
                throw new BlockException("corrupt zlib stream: needs a preset dictionary");
            } else if (inflater.finished()) {
                if (input.hasRemaining()) {
                    throw new BlockException("corrupt zlib stream: data after the end of the stream");
                }
                return;
            } else if (inflater.needsInput()) {
                return;
            }
        }
    }

    /** Checks that the stream ended where the input did. */
    void finish() throws BlockException {
        if (!inflater.finished()) {
            throw new BlockException("corrupt zlib stream: truncated");
        }
    }

    void end() {
        inflater.end();
    }
}
