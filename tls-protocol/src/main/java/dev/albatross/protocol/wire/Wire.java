package dev.albatross.protocol.wire;

import java.util.Objects;

/**
 * One message (spec §5.1): {@code SEQUENCE { header Header, payload Payload }}.
 */
public record Wire(Header header, Payload payload) {
    public Wire {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(payload, "payload");
    }

    /** A reply to this message: same header (version, sequence, name), as Albatross's daemons answer. */
    public Wire reply(Payload reply) {
        return new Wire(header, reply);
    }
}
