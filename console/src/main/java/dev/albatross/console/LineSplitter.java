package dev.albatross.console;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts what a unikernel prints into console lines (spec §8, "Line splitting"). One per fifo, fed by one thread.
 *
 * <pre>
 *   bytes  ──► partial line (≤ 512 bytes kept) ──► '\n' ──► line (empty lines dropped, '\r' kept)
 *                    │
 *                    └─ 512 bytes without '\n' ──► first 512 bytes + " [truncated]",
 *                                                  then everything up to the next '\n' is discarded
 * </pre>
 *
 * <p>Compat §8: the result does not depend on how the input is chunked: a line is cut as soon as 512 bytes of it
 * are there without a newline. Albatross decides per 512-byte read, so when a newline happens to arrive in the
 * read that crosses 512 it passes a line of up to 1,022 bytes whole; with aligned reads (a fast writer, the case
 * the cut exists for) both give the same lines. Bounding every line keeps the ring's memory bound exact.
 */
public final class LineSplitter {
    /** Albatross 2.6.1 keeps at most the first 512 bytes of a line (#234/#242: an endless line once ate memory). */
    public static final int MAX_LINE_BYTES = 512;
    /** The marker Albatross appends to a cut line, byte for byte. */
    public static final String TRUNCATED_SUFFIX = " [truncated]";
    /** The longest line this splitter emits: a cut line with its marker. */
    public static final int MAX_EMITTED_LINE_BYTES = MAX_LINE_BYTES + TRUNCATED_SUFFIX.length();

    private static final byte[] SUFFIX = TRUNCATED_SUFFIX.getBytes(StandardCharsets.US_ASCII);

    private final byte[] partial = new byte[MAX_LINE_BYTES];
    private int partialLength;
    private boolean discarding;

    /** The complete lines in {@code buf[off, off + len)} after what earlier calls left over; fresh arrays. */
    public List<byte[]> feed(byte[] buf, int off, int len) {
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new IndexOutOfBoundsException("slice " + off + "+" + len + " of " + buf.length);
        }
        List<byte[]> lines = new ArrayList<>();
        int end = off + len;
        int i = off;
        while (i < end) {
            int newline = indexOfNewline(buf, i, end);
            if (discarding) {
                if (newline < 0) {
                    break;
                }
                discarding = false;
                i = newline + 1;
                continue;
            }
            int stop = newline < 0 ? end : newline;
            int room = MAX_LINE_BYTES - partialLength;
            if (stop - i >= room) {
                System.arraycopy(buf, i, partial, partialLength, room);
                lines.add(truncated());
                partialLength = 0;
                if (newline < 0) {
                    discarding = true; // the newline that ends the cut line has not arrived yet
                    break;
                }
                i = newline + 1; // this newline ends the cut line: the next line is kept whole
                continue;
            }
            System.arraycopy(buf, i, partial, partialLength, stop - i);
            partialLength += stop - i;
            if (newline < 0) {
                break;
            }
            if (partialLength > 0) { // Albatross drops empty lines
                lines.add(Arrays.copyOf(partial, partialLength));
            }
            partialLength = 0;
            i = newline + 1;
        }
        return lines;
    }

    /**
     * The unterminated last line at end of input, if any, and a reset. Compat §8: Albatross drops it at EOF; we
     * keep it, since the last words of a crashing unikernel are the ones an operator looks for.
     */
    public List<byte[]> finish() {
        List<byte[]> last = partialLength > 0 ? List.of(Arrays.copyOf(partial, partialLength)) : List.of();
        partialLength = 0;
        discarding = false;
        return last;
    }

    /** Bytes of an unfinished line held until its newline (for memory accounting and tests). */
    public int pendingBytes() {
        return partialLength;
    }

    private byte[] truncated() {
        byte[] line = Arrays.copyOf(partial, MAX_EMITTED_LINE_BYTES);
        System.arraycopy(SUFFIX, 0, line, MAX_LINE_BYTES, SUFFIX.length);
        return line;
    }

    private static int indexOfNewline(byte[] buf, int from, int end) {
        for (int k = from; k < end; k++) {
            if (buf[k] == '\n') {
                return k;
            }
        }
        return -1;
    }
}
