package dev.albatross.client.inspect;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.der.DecodeError;
import dev.albatross.protocol.der.Decoded;
import dev.albatross.protocol.wire.Framing;
import dev.albatross.protocol.wire.WireCodec;

/**
 * Reads one frame (spec §2): a 4-byte big-endian signed length, then that many bytes, and nothing after.
 * <pre>
 * frame: length 48                       a wire message follows, as for a bare message
 * frame: length 4096, raw chunk          a raw data chunk (block upload, streamed image, spec §2.2)
 * frame: length 0, end of stream marker  any length &lt;= 0
 * </pre>
 * A payload that begins like a wire message ({@link DerShape#wire}) must be one, else it is an error; any
 * other payload is a raw chunk, shown by size and SHA-256. Raw chunks are arbitrary bytes, but three
 * particular first bytes by chance are rare (none in the recorded corpus), and a malformed message is then
 * still reported rather than hidden.
 */
final class FrameInput {
    private static final int PREFIX = 4;

    private FrameInput() {
    }

    /** True if the input is exactly one frame: its length prefix matches what follows. */
    static boolean plausible(byte[] input) {
        if (input.length < PREFIX) {
            return false;
        }
        int length = Framing.length(input, 0);
        return length <= 0 ? input.length == PREFIX : length == input.length - PREFIX;
    }

    static Decoded<Report> frame(byte[] input) {
        if (input.length < PREFIX) {
            return failed(input.length, "frame.length", "the 4-byte length is truncated to " + input.length + " bytes");
        }
        int length = Framing.length(input, 0);
        int rest = input.length - PREFIX;
        if (length <= 0) {
            if (rest > 0) {
                return failed(PREFIX, "frame", "trailing bytes (" + rest + ") after the end-of-stream marker");
            }
            Lines out = new Lines().field("frame", "length " + length + ", end of stream marker");
            return Decoded.ok(new Report(out.toList(), () -> Decoded.ok(Bytes.EMPTY)));
        }
        if (rest < length) {
            return failed(input.length, "frame.payload", "truncated: the length says " + length + " bytes, "
                    + rest + " follow");
        }
        if (rest > length) {
            return failed(PREFIX + length, "frame", "trailing bytes (" + (rest - length) + ") after the frame");
        }
        if (!DerShape.of(input, PREFIX, length).wire()) {
            Bytes chunk = Bytes.wrap(input, PREFIX, length);
            Lines out = new Lines().field("frame", "length " + length + ", raw chunk")
                    .field("payload", FieldText.blob(chunk));
            return Decoded.ok(new Report(out.toList(), () -> Decoded.ok(chunk)));
        }
        // Offsets of errors count from the start of the input, length prefix included.
        return WireCodec.decode(input, PREFIX, length).fold(wire -> {
            Report message = DerInput.wire(wire);
            Lines out = new Lines().field("frame", "length " + length);
            message.lines().forEach(out::line);
            return Decoded.ok(new Report(out.toList(), message.reencoding()));
        }, Decoded::failed);
    }

    private static Decoded<Report> failed(int offset, String field, String reason) {
        return Decoded.failed(new DecodeError(offset, field, reason));
    }
}
