package dev.albatross.client.inspect;

import dev.albatross.protocol.der.Bytes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Images and block data marked compressed are zlib streams (RFC 1950). Their inflated size and SHA-256 are what
 * an operator compares with {@code info}'s digest (the SHA-256 of the uncompressed image, spec §5.4), so we
 * inflate them, into a digest only: memory stays constant.
 */
final class InflatedImage {
    /** Stops a zip bomb: Albatross images are tens of megabytes at most. */
    static final long MAX_INFLATED_BYTES = 1L << 30;

    private InflatedImage() {
    }

    /** {@code field: size and sha256}, and for compressed data {@code field-inflated: size and sha256}. */
    static void describe(Lines out, String field, boolean compressed, Bytes data) {
        out.field(field, FieldText.blob(data));
        if (compressed) {
            out.field(field + "-inflated", inflate(data));
        }
    }

    /** The inflated size and SHA-256, or why the data could not be inflated (not an error of the message). */
    static String inflate(Bytes zlib) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(zlib.asReadOnlyBuffer());
            MessageDigest sha256 = sha256();
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && inflater.needsDictionary()) {
                    return "not inflated: the zlib stream needs a preset dictionary";
                }
                if (n == 0 && inflater.needsInput()) {
                    return "not inflated: the zlib stream is truncated after " + total + " bytes";
                }
                total += n;
                if (total > MAX_INFLATED_BYTES) {
                    return "not inflated: more than " + MAX_INFLATED_BYTES + " bytes";
                }
                sha256.update(buffer, 0, n);
            }
            String result = total + " bytes, sha256 " + HexFormat.of().formatHex(sha256.digest());
            int rest = inflater.getRemaining();
            return rest == 0 ? result : result + ", followed by " + rest + " bytes that are not zlib";
        } catch (DataFormatException e) {
            return "not inflated: not a zlib stream (" + e.getMessage() + ")";
        } finally {
            inflater.end();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
