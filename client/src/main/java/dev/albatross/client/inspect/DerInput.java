package dev.albatross.client.inspect;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.der.DecodeError;
import dev.albatross.protocol.der.Decoded;
import dev.albatross.protocol.state.StateFile;
import dev.albatross.protocol.state.StateFileCodec;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.wire.WireCodec;
import dev.albatross.protocol.x509.CertExtension;

/** Reads the bare DER inputs: a wire message, an extension value, a state file. */
final class DerInput {
    private DerInput() {
    }

    /** A wire message filling the whole input. */
    static Decoded<Report> wire(byte[] input) {
        return WireCodec.decode(input).fold(w -> Decoded.ok(wire(w)), Decoded::failed);
    }

    static Report wire(Wire wire) {
        Lines out = new Lines();
        WireText.wire(out, wire);
        return new Report(out.toList(), () -> Decoded.ok(Bytes.wrap(WireCodec.encode(wire))));
    }

    /** An extension value: {@code SEQUENCE { version INTEGER, command Command }}. */
    static Decoded<Report> extension(byte[] input) {
        return CertExtension.decode(input).fold(value -> {
            Lines out = new Lines();
            extension(out, value);
            return Decoded.ok(new Report(out.toList(), () -> Decoded.ok(Bytes.wrap(CertExtension.encode(value)))));
        }, Decoded::failed);
    }

    static void extension(Lines out, CertExtension.Value value) {
        out.field("version", value.version());
        CommandText.command(out, value.command());
    }

    /** A state file. */
    static Decoded<Report> state(byte[] input) {
        return StateFileCodec.decode(input).fold(state -> {
            Lines out = new Lines();
            StateText.state(out, state);
            return Decoded.ok(new Report(out.toList(), () -> reencode(state)));
        }, Decoded::failed);
    }

    private static Decoded<Bytes> reencode(StateFile state) {
        try {
            return Decoded.ok(Bytes.wrap(StateFileCodec.encode(state)));
        } catch (IllegalArgumentException e) {
            // The V0 configuration of the oldest state files has no encoder, in Albatross either (spec §5.3).
            return Decoded.failed(new DecodeError(0, "State", "cannot re-encode: " + e.getMessage()));
        }
    }
}
