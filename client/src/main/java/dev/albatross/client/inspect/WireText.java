package dev.albatross.client.inspect;

import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.Data;
import dev.albatross.protocol.wire.Failure;
import dev.albatross.protocol.wire.Header;
import dev.albatross.protocol.wire.Payload;
import dev.albatross.protocol.wire.Success;
import dev.albatross.protocol.wire.Wire;

/**
 * A wire message (spec §5.1): the header on one line, then the payload.
 * <pre>
 * header: version 5, sequence 0, name :hello
 * command: unikernel destroy
 * </pre>
 */
final class WireText {
    private WireText() {
    }

    static void wire(Lines out, Wire wire) {
        out.field("header", header(wire.header()));
        payload(out, wire.payload());
    }

    static String header(Header h) {
        return "version " + h.version() + ", sequence " + h.sequence() + ", name " + h.name().text();
    }

    private static Lines payload(Lines out, Payload payload) {
        return switch (payload.payloadKind()) {
            case COMMAND -> CommandText.command(out, (Command) payload);
            case REPLY -> SuccessText.reply(out, (Success) payload);
            case FAILURE -> out.field("failure", FieldText.quoted(((Failure) payload).message()));
            case DATA -> DataText.data(out, (Data) payload);
        };
    }
}
