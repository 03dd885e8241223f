package dev.albatross.client.command;

import dev.albatross.client.ExitCode;
import dev.albatross.client.output.Log;
import dev.albatross.protocol.der.Bytes;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** Writes a streamed block dump to its file, inflating it on the way if the daemon compressed it. */
final class BlockDumpWriter {
    private final Path file;
    private final OutputStream out;
    private final Inflater inflater;
    private final byte[] buf = new byte[1 << 16];
    private boolean closed;

    private BlockDumpWriter(Path file, OutputStream out, Inflater inflater) {
        this.file = file;
        this.out = out;
        this.inflater = inflater;
    }

    static BlockDumpWriter open(Path file, boolean compressed) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), 1 << 16);
        return new BlockDumpWriter(file, out, compressed ? new Inflater() : null);
    }

    Path file() {
        return file;
    }

    void write(Bytes chunk) throws IOException, DataFormatException {
        if (inflater == null) {
            chunk.writeTo(out);
            return;
        }
        inflater.setInput(chunk.toByteArray());
        while (!inflater.needsInput() && !inflater.finished()) {
            int n = inflater.inflate(buf);
            out.write(buf, 0, n);
            if (n == 0 && inflater.needsDictionary()) {
                throw new DataFormatException("a preset dictionary is not supported");
            }
        }
    }

    /** Completes the file after the last chunk: {@code dumped to <file>}. */
    ExitCode finish(Log log) {
        try {
            if (inflater != null && !inflater.finished()) {
                throw new IOException("truncated compressed data");
            }
            closed = true;
            out.close();
        } catch (IOException e) {
            log.error(e.getMessage() + " while dumping " + file);
            return ExitCode.COMMUNICATION_FAILURE;
        } finally {
            if (inflater != null) {
                inflater.end();
            }
        }
        log.app("dumped to " + file);
        return ExitCode.SUCCESS;
    }

    /** Closes the file if the dump did not complete. */
    void abandon() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            // the dump already failed and said so; a second error about the same file adds nothing
        }
        if (inflater != null) {
            inflater.end();
        }
    }
}
