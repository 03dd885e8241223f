package dev.albatross.client.inspect;

import dev.albatross.protocol.der.Decoded;
import java.util.Locale;
import java.util.Optional;

/** What {@code --format} names: the kinds of input {@code inspect-wire} reads. */
enum InputFormat {
    /** A bare DER wire message (spec §5.1). */
    WIRE,
    /** A 4-byte big-endian length, then a DER wire message or a raw chunk (spec §2). */
    FRAME,
    /** The value of the Albatross certificate extension (spec §5.8). */
    EXTENSION,
    /** A certificate chain or CSR, PEM or DER, whose Albatross extensions are shown (spec §6). */
    CERT,
    /** A state file (spec §5.9). */
    STATE;

    /** The name on the command line and in the output. */
    String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<InputFormat> parse(String text) {
        for (InputFormat f : values()) {
            if (f.text().equals(text)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Reads {@code input} in this format; the reader owns the array from now on. */
    Decoded<Report> read(byte[] input) {
        return switch (this) {
            case WIRE -> DerInput.wire(input);
            case FRAME -> FrameInput.frame(input);
            case EXTENSION -> DerInput.extension(input);
            case CERT -> CertInput.cert(input);
            case STATE -> DerInput.state(input);
        };
    }
}
