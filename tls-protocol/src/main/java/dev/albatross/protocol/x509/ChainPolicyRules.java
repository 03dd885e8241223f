package dev.albatross.protocol.x509;

import dev.albatross.protocol.wire.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The static delegation check of a chain's policies (spec §6.5 {@code is_smaller}): each policy must be no larger
 * than the one above it, checked before anything reaches the daemon. The wording is Albatross's
 * ({@code Vmm_core.Policy.is_smaller}), since tenants read these texts.
 *
 * <p>{@link #notSmaller} is the one statement of the rule: the daemon's resource checks, the endpoint and the
 * client's {@code sign} all use it.
 */
public final class ChainPolicyRules {
    private ChainPolicyRules() {
    }

    /**
     * Why {@code sub} is not within {@code sup}, or empty; checked in Albatross's order: unikernels, memory,
     * CPU ids, bridges, block storage (an absent block limit counts as 0 in the message).
     * <pre>
     *   policy above allows 3 unikernels, which is fewer than 10
     *   policy above allows 128 MB memory, which is fewer than 256 MB
     *   policy above does not allow CPUids 2, 3
     *   policy above allows bridge(s) br0, which is not a superset of br0, br1
     *   policy above allows 0 MB block storage, which is fewer than 10 MB
     * </pre>
     */
    public static Optional<String> notSmaller(Policy sup, Policy sub) {
        if (sup.unikernels() < sub.unikernels()) {
            return Optional.of("policy above allows " + sup.unikernels() + " unikernels, which is fewer than "
                    + sub.unikernels());
        } else if (sup.memoryMb() < sub.memoryMb()) {
            return Optional.of("policy above allows " + sup.memoryMb() + " MB memory, which is fewer than "
                    + sub.memoryMb() + " MB");
        }
        List<Integer> cpus = new ArrayList<>(new TreeSet<>(sub.cpuids()));
        cpus.removeAll(sup.cpuids());
        if (!cpus.isEmpty()) {
            return Optional.of("policy above does not allow CPUids "
                    + cpus.stream().map(String::valueOf).collect(Collectors.joining(", ")));
        } else if (!sup.bridges().containsAll(sub.bridges())) {
            return Optional.of("policy above allows bridge(s) " + String.join(", ", sup.bridges())
                    + ", which is not a superset of " + String.join(", ", sub.bridges()));
        }
        boolean blockOk = sub.blockMb().isEmpty()
                || (sup.blockMb().isPresent() && sup.blockMb().getAsInt() >= sub.blockMb().getAsInt());
        if (!blockOk) {
            return Optional.of("policy above allows " + sup.blockMb().orElse(0)
                    + " MB block storage, which is fewer than " + sub.blockMb().orElse(0) + " MB");
        }
        return Optional.empty();
    }

    /**
     * Why the chain's policies (deepest first, as {@link ChainCommand#policies()} holds them) do not shrink from
     * each policy to the next below it, or empty. Checking each neighbouring pair suffices: the relation is
     * transitive. The top policy is not compared with anything (the daemon's root policy is host-derived).
     */
    public static Optional<ChainRefusal> delegation(List<ChainPolicy> deepestFirst) {
        for (int i = deepestFirst.size() - 1; i > 0; i--) {
            ChainPolicy above = deepestFirst.get(i);
            ChainPolicy below = deepestFirst.get(i - 1);
            Optional<String> why = notSmaller(above.policy(), below.policy());
            if (why.isPresent()) {
                return Optional.of(new ChainRefusal(ChainRefusal.Reason.POLICY_ESCALATION,
                        "policy for " + below.path().asName() + ": " + why.get()));
            }
        }
        return Optional.empty();
    }
}
