package dev.albatross.client.inspect;

import dev.albatross.protocol.der.DecodeError;
import dev.albatross.protocol.der.Decoded;
import java.util.Optional;

/**
 * Reads an input whose format was not given, by its first bytes:
 * <pre>
 * "-----BEGIN "          cert (PEM)
 * 30                     wire, else extension, else a DER certificate or CSR
 * a0 .. a7               state (the State CHOICE, spec §5.9)
 * BE32(n) then n bytes   frame (and BE32(n &lt;= 0) alone: an end-of-stream marker)
 * text with a PEM block  cert
 * 00 (and 4 bytes)       frame, malformed: its error says how
 * </pre>
 * When nothing that starts with {@code 30} decodes, the error shown is that of the format the input is shaped
 * like ({@link DerShape}), so a broken wire message is reported as one.
 */
final class FormatGuess {
    private FormatGuess() {
    }

    static Inspected read(byte[] input) {
        if (Pem.startsPem(input)) {
            return read(InputFormat.CERT, input);
        }
        int first = input.length == 0 ? -1 : input[0] & 0xFF;
        if (first == 0x30) {
            return der(input);
        }
        if (first >= 0xA0 && first <= 0xA7) {
            return read(InputFormat.STATE, input);
        }
        if (FrameInput.plausible(input)) {
            return read(InputFormat.FRAME, input);
        }
        if (Pem.containsPem(input)) {
            return read(InputFormat.CERT, input);
        }
        if (input.length >= 4 && first == 0x00) {
            // A length below 16 MiB that does not match what follows: a truncated or overlong frame, and
            // saying so helps more than "cannot guess" (no other format starts with a zero byte).
            return read(InputFormat.FRAME, input);
        }
        String why = input.length == 0 ? "empty input"
                : String.format("cannot guess the format from the first byte 0x%02x; give --format", first);
        return new Inspected(Optional.empty(), true, Decoded.failed(new DecodeError(0, "input", why)));
    }

    private static Inspected der(byte[] input) {
        Inspected wire = read(InputFormat.WIRE, input);
        if (wire.report().isOk()) {
            return wire;
        }
        Inspected extension = read(InputFormat.EXTENSION, input);
        if (extension.report().isOk()) {
            return extension;
        }
        Inspected cert = read(InputFormat.CERT, input);
        if (cert.report().isOk()) {
            return cert;
        }
        if (FrameInput.plausible(input)) {
            return read(InputFormat.FRAME, input); // a frame of 0x30xxxxxx bytes: odd, but what it is
        }
        DerShape shape = DerShape.of(input);
        if (shape.extension()) {
            return extension;
        }
        return shape.certificate() || shape.request() ? cert : wire;
    }

    private static Inspected read(InputFormat format, byte[] input) {
        return new Inspected(Optional.of(format), true, format.read(input));
    }
}
