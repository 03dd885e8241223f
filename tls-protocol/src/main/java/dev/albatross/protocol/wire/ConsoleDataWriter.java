package dev.albatross.protocol.wire;

import dev.albatross.protocol.der.DerNode;
import dev.albatross.protocol.der.GeneralizedTime;
import java.time.Instant;
import java.util.Arrays;

/**
 * Writes framed {@code Data (Console_data)} messages straight from a line's bytes, the console's hot path: one
 * message per line a unikernel prints, to every subscriber. The bytes are exactly those of
 * {@code WireCodec.encodeFramed(new Wire(header, new Data.Console(at, RawText.decode(line))))}, without building
 * the message, its text or its element tree:
 *
 * <pre>
 *   len(4)  30 L  &lt;header, encoded once&gt;
 *                 a3 L  a3 L  30 L  18 L &lt;GeneralizedTime&gt;
 *                                   0c L &lt;line bytes&gt;
 * </pre>
 * A line's bytes are the text as printed ({@code RawText}), so they are written as they are.
 */
public final class ConsoleDataWriter {
    /** Frame prefix, five tag-and-length pairs (at most 5 bytes each) and the time (at most 2 + 19). */
    private static final int OVERHEAD_BYTES = 4 + 5 * 5 + 21;

    private final byte[] header;

    /** A writer of messages carrying {@code header} (a subscription's: its version, sequence 0, the name). */
    public ConsoleDataWriter(Header header) {
        this.header = WireCodec.header(header).encode();
    }

    /** The most bytes {@link #write} takes for a line of {@code lineLength} bytes. */
    public int maxFramedBytes(int lineLength) {
        return OVERHEAD_BYTES + header.length + lineLength;
    }

    /**
     * Writes the framed message for {@code line}, read at {@code epochSecond} + {@code nano}, into {@code out} at
     * {@code at}, which must have {@link #maxFramedBytes} bytes of room; returns the bytes written.
     */
    public int write(byte[] out, int at, long epochSecond, int nano, byte[] line) {
        byte[] time = GeneralizedTime.bytes(epochSecond, nano);
        int timeTlv = 2 + time.length;
        int textTlv = tlvBytes(line.length);
        int seq = timeTlv + textTlv;
        int inner = tlvBytes(seq);
        int data = tlvBytes(inner);
        int wireContent = header.length + tlvBytes(data);
        int wire = tlvBytes(wireContent);

        int p = at;
        out[p++] = (byte) (wire >>> 24);
        out[p++] = (byte) (wire >>> 16);
        out[p++] = (byte) (wire >>> 8);
        out[p++] = (byte) wire;
        p = tagAndLength(out, p, 0x30, wireContent);
        System.arraycopy(header, 0, out, p, header.length);
        p += header.length;
        p = tagAndLength(out, p, 0xA3, data);
        p = tagAndLength(out, p, 0xA3, inner);
        p = tagAndLength(out, p, 0x30, seq);
        out[p++] = 0x18;
        out[p++] = (byte) time.length;
        System.arraycopy(time, 0, out, p, time.length);
        p += time.length;
        p = tagAndLength(out, p, 0x0C, line.length);
        System.arraycopy(line, 0, out, p, line.length);
        p += line.length;
        return p - at;
    }

    /** The same as a new array, for callers that write one message. */
    public byte[] framed(Instant at, byte[] line) {
        byte[] out = new byte[maxFramedBytes(line.length)];
        return Arrays.copyOf(out, write(out, 0, at.getEpochSecond(), at.getNano(), line));
    }

    /** Bytes of a DER element with {@code contentLength} bytes of content. */
    private static int tlvBytes(int contentLength) {
        return 1 + DerNode.lengthOfLength(contentLength) + contentLength;
    }

    private static int tagAndLength(byte[] out, int p, int tag, int length) {
        out[p] = (byte) tag;
        return DerNode.writeLength(out, p + 1, length);
    }
}
