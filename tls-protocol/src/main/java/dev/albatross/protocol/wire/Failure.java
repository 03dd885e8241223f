package dev.albatross.protocol.wire;

import java.util.Objects;

/** {@code failure [2] UTF8String}: a human-readable error, shown to the tenant (spec §5.5). */
public record Failure(String message) implements Payload {
    public Failure {
        Objects.requireNonNull(message, "message");
    }

    @Override
    public Kind payloadKind() {
        return Kind.FAILURE;
    }
}
