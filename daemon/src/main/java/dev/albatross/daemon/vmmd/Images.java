package dev.albatross.daemon.vmmd;

import dev.albatross.protocol.der.Bytes;
import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** zlib (RFC 1950) for unikernel images, as Albatross's {@code Vmm_compress} uses it. */
final class Images {
    private Images() {
    }

    /**
     * Inflates a compressed image, refusing to produce more than {@code limit} bytes (a zip bomb in a create
     * command must not exhaust the daemon's memory).
     */
    static Bytes inflate(Bytes compressed, int limit) throws CreateFailure {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed.asReadOnlyBuffer());
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, compressed.length() * 4 + 64));
            byte[] buf = new byte[64 * 1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new CreateFailure("failed to uncompress: truncated zlib stream");
                }
                if (out.size() + n > limit) {
                    throw new CreateFailure("failed to uncompress: image larger than " + limit + " bytes");
                }
                out.write(buf, 0, n);
            }
            return Bytes.wrap(out.toByteArray());
        } catch (DataFormatException e) {
            throw new CreateFailure("failed to uncompress: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    /** zlib at {@code level} (1–9). */
    static Bytes deflate(Bytes data, int level) {
        Deflater deflater = new Deflater(Math.max(Deflater.BEST_SPEED, Math.min(level, Deflater.BEST_COMPRESSION)));
        try {
            deflater.setInput(data.asReadOnlyBuffer());
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length() / 2 + 64);
            byte[] buf = new byte[64 * 1024];
            while (!deflater.finished()) {
                int n = deflater.deflate(buf);
                out.write(buf, 0, n);
            }
            return Bytes.wrap(out.toByteArray());
        } finally {
            deflater.end();
        }
    }
}
