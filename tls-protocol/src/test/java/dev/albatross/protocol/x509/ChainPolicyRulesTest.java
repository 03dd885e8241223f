package dev.albatross.protocol.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.albatross.protocol.name.Path;
import dev.albatross.protocol.wire.Policy;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** {@code is_smaller} with Albatross's texts, in its order, and the pairwise check over a chain. */
class ChainPolicyRulesTest {
    static final Policy SUPER = new Policy(4, List.of(0, 1), 128, OptionalInt.of(10), List.of("albr0", "br1"));

    private static Policy with(long unikernels, List<Integer> cpus, int memory, OptionalInt block,
            List<String> bridges) {
        return new Policy(unikernels, cpus, memory, block, bridges);
    }

    @Test
    void equalAndSmallerPoliciesPass() {
        assertEquals(Optional.empty(), ChainPolicyRules.notSmaller(SUPER, SUPER));
        assertEquals(Optional.empty(), ChainPolicyRules.notSmaller(SUPER,
                with(1, List.of(1), 16, OptionalInt.empty(), List.of())));
    }

    @Test
    void eachClauseHasAlbatrossWordingInAlbatrossOrder() {
        assertEquals(Optional.of("policy above allows 4 unikernels, which is fewer than 10"),
                ChainPolicyRules.notSmaller(SUPER, with(10, List.of(5), 999, OptionalInt.of(99), List.of("x"))));
        assertEquals(Optional.of("policy above allows 128 MB memory, which is fewer than 256 MB"),
                ChainPolicyRules.notSmaller(SUPER, with(4, List.of(5), 256, OptionalInt.of(99), List.of("x"))));
        assertEquals(Optional.of("policy above does not allow CPUids 2, 3"),
                ChainPolicyRules.notSmaller(SUPER, with(4, List.of(3, 1, 2), 128, OptionalInt.of(99), List.of("x"))));
        assertEquals(Optional.of("policy above allows bridge(s) albr0, br1, which is not a superset of albr0, x"),
                ChainPolicyRules.notSmaller(SUPER, with(4, List.of(1), 128, OptionalInt.of(99), List.of("x", "albr0"))));
        assertEquals(Optional.of("policy above allows 10 MB block storage, which is fewer than 99 MB"),
                ChainPolicyRules.notSmaller(SUPER, with(4, List.of(1), 128, OptionalInt.of(99), List.of())));
        Policy noBlock = with(4, List.of(0, 1), 128, OptionalInt.empty(), List.of());
        assertEquals(Optional.of("policy above allows 0 MB block storage, which is fewer than 1 MB"),
                ChainPolicyRules.notSmaller(noBlock, with(1, List.of(0), 16, OptionalInt.of(1), List.of())));
        assertEquals(Optional.empty(),
                ChainPolicyRules.notSmaller(noBlock, with(1, List.of(0), 16, OptionalInt.empty(), List.of())));
    }

    @Test
    void delegationComparesEachPolicyWithTheOneAboveIt() {
        Policy mid = with(2, List.of(1), 64, OptionalInt.of(5), List.of("albr0"));
        Policy low = with(1, List.of(1), 32, OptionalInt.of(5), List.of());
        List<ChainPolicy> ok = List.of(new ChainPolicy(Path.of("a", "b", "c"), low),
                new ChainPolicy(Path.of("a", "b"), mid), new ChainPolicy(Path.of("a"), SUPER));
        assertEquals(Optional.empty(), ChainPolicyRules.delegation(ok));
        Policy greedyLow = with(1, List.of(1), 96, OptionalInt.of(5), List.of());
        List<ChainPolicy> bad = List.of(new ChainPolicy(Path.of("a", "b", "c"), greedyLow),
                new ChainPolicy(Path.of("a", "b"), mid), new ChainPolicy(Path.of("a"), SUPER));
        ChainRefusal r = ChainPolicyRules.delegation(bad).orElseThrow();
        assertEquals(ChainRefusal.Reason.POLICY_ESCALATION, r.reason());
        assertEquals("policy for a:b:c:: policy above allows 64 MB memory, which is fewer than 96 MB", r.message());
        assertEquals(Optional.empty(), ChainPolicyRules.delegation(List.of(new ChainPolicy(Path.of("a"), SUPER))));
    }
}
