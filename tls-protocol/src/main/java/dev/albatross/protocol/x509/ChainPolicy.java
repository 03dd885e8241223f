package dev.albatross.protocol.x509;

import dev.albatross.protocol.name.Path;
import dev.albatross.protocol.wire.Policy;
import java.util.Objects;

/**
 * A policy found in an intermediate CA certificate and the path it applies to (spec §6.3 step 3): the path of the
 * common names of the policy-carrying CAs from the top down to this one, e.g. {@code user:team}.
 */
public record ChainPolicy(Path path, Policy policy) {
    public ChainPolicy {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(policy, "policy");
    }
}
