package dev.albatross.client.transport;

import java.io.ByteArrayOutputStream;
import java.util.zip.Adler32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** zlib (RFC 1950) as Albatross's {@code Vmm_compress} produces and reads it. */
public final class Zlib {
    private Zlib() {
    }

    /**
     * The two header bytes {@code decompress} writes: CM 8, window 32 KiB, and FLEVEL from its own table (0 for
     * level 0, 1 for 1–5, 2 for 6, 3 for 7–9; zlib itself would say 0 for level 1), FCHECK making it a
     * multiple of 31.
     */
    static byte[] header(int level) {
        int flevel = level == 0 ? 0 : level <= 5 ? 1 : level == 6 ? 2 : 3;
        int cmf = 0x78;
        int flg = flevel << 6;
        flg += 31 - ((cmf * 256 + flg) % 31);
        return new byte[] {(byte) cmf, (byte) flg};
    }

    static byte[] trailer(long adler) {
        return new byte[] {(byte) (adler >>> 24), (byte) (adler >>> 16), (byte) (adler >>> 8), (byte) adler};
    }

    /** {@code Vmm_compress.compress ~level}: the whole zlib stream of {@code data}. */
    public static byte[] compress(byte[] data, int level) {
        Deflater deflater = new Deflater(level, true);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
            out.writeBytes(header(level));
            byte[] buf = new byte[1 << 16];
            while (!deflater.finished()) {
                int n = deflater.deflate(buf);
                out.write(buf, 0, n);
            }
            Adler32 adler = new Adler32();
            adler.update(data);
            out.writeBytes(trailer(adler.getValue()));
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** Inflates a whole zlib stream; fails on corrupt or truncated input. */
    public static byte[] uncompress(byte[] data) throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length * 3));
            byte[] buf = new byte[1 << 16];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("truncated zlib stream");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }
}
