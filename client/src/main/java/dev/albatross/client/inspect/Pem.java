package dev.albatross.client.inspect;

import dev.albatross.protocol.der.DecodeError;
import dev.albatross.protocol.der.Decoded;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * PEM text (RFC 7468): {@code -----BEGIN LABEL-----}, base64, {@code -----END LABEL-----}, possibly several
 * blocks with text around them. We split it ourselves rather than with BouncyCastle's {@code PemReader} only to
 * know where each block starts, so an error can name its offset; base64 is the JDK's.
 */
final class Pem {
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    /** One block: its label (e.g. {@code CERTIFICATE}), the offset of its BEGIN line, its decoded content. */
    record Block(String label, int offset, byte[] der) {
    }

    private Pem() {
    }

    /** True if the input starts, after white space, with a BEGIN line. */
    static boolean startsPem(byte[] input) {
        int i = 0;
        while (i < input.length && (input[i] == ' ' || input[i] == '\t' || input[i] == '\r' || input[i] == '\n')) {
            i++;
        }
        byte[] begin = BEGIN.getBytes(StandardCharsets.US_ASCII);
        return input.length - i >= begin.length
                && Arrays.equals(input, i, i + begin.length, begin, 0, begin.length);
    }

    /** True if the input is text (no control bytes but white space) holding a BEGIN line somewhere. */
    static boolean containsPem(byte[] input) {
        for (byte b : input) {
            if ((b >= 0 && b < 0x20 && b != '\t' && b != '\r' && b != '\n') || b == 0x7F) {
                return false;
            }
        }
        return latin1(input).contains(BEGIN);
    }

    /** The blocks, in order; an error names the offset of the block that is malformed. */
    static Decoded<List<Block>> blocks(byte[] input) {
        String text = latin1(input);
        List<Block> blocks = new ArrayList<>();
        int from = text.indexOf(BEGIN);
        while (from >= 0) {
            int labelEnd = text.indexOf(DASHES, from + BEGIN.length());
            int lineEnd = text.indexOf('\n', from);
            if (labelEnd < 0 || (lineEnd >= 0 && labelEnd > lineEnd)) {
                return failed(from, "pem", "malformed BEGIN line");
            }
            String label = text.substring(from + BEGIN.length(), labelEnd);
            String endLine = END + label + DASHES;
            int end = text.indexOf(endLine, labelEnd);
            if (end < 0) {
                return failed(from, "pem[" + label + "]", "no " + endLine + " line");
            }
            try {
                byte[] der = Base64.getMimeDecoder().decode(text.substring(labelEnd + DASHES.length(), end));
                blocks.add(new Block(label, from, der));
            } catch (IllegalArgumentException e) {
                return failed(from, "pem[" + label + "]", "bad base64: " + e.getMessage());
            }
            from = text.indexOf(BEGIN, end + endLine.length());
        }
        return Decoded.ok(blocks);
    }

    /** One character per byte, so that string indexes are byte offsets. */
    private static String latin1(byte[] input) {
        return new String(input, StandardCharsets.ISO_8859_1);
    }

    private static Decoded<List<Block>> failed(int offset, String field, String reason) {
        return Decoded.failed(new DecodeError(offset, field, reason));
    }
}
