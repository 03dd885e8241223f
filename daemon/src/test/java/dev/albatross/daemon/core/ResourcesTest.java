package dev.albatross.daemon.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.name.Path;
import dev.albatross.protocol.wire.BlockDevice;
import dev.albatross.protocol.wire.NetIf;
import dev.albatross.protocol.wire.Policy;
import dev.albatross.protocol.wire.UnikernelConfig;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The upstream resource tests of spec §12.1, the recorded refusals, and our ancestor checks (quirks 1, 20). */
class ResourcesTest {
    private static final Policy P1 = new Policy(1, List.of(0), 10, OptionalInt.of(5), List.of("service"));
    private static final UnikernelConfig U = unikernel(List.of(0), 10, List.of("service"));

    private static UnikernelConfig unikernel(List<Integer> cpus, int memory, List<String> nets) {
        return UnikernelConfig.builder().cpuids(cpus).memoryMb(memory).bridges(nets.stream().map(NetIf::of).toList())
                .build();
    }

    private static Policy policy(long unikernels, List<Integer> cpus, int memory, OptionalInt block,
            List<String> bridges) {
        return new Policy(unikernels, cpus, memory, block, bridges);
    }

    private static Name n(String text) {
        return Name.parse(text);
    }

    private static Resources withP1() {
        return Resources.empty(Optional.empty()).insertPolicy(Path.of("alpha"), P1).orElseThrow();
    }

    private static Optional<String> refusal(Resources.Outcome outcome) {
        return outcome instanceof Resources.Outcome.Refused r ? Optional.of(r.reason()) : Optional.empty();
    }

    @Test
    void emptyResourcesAcceptAnything() {
        Resources r = Resources.empty(Optional.empty());
        assertEquals(Optional.empty(), r.checkUnikernel(n("alpha:bar"), unikernel(List.of(7), 100_000, List.of("x"))));
        assertEquals(Optional.empty(), r.checkBlock(n("alpha:disk"), 1_000_000));
    }

    @Test
    void unikernelsBelowAPolicyAreCheckedAgainstIt() {
        Resources r = withP1();
        assertEquals(Optional.empty(), r.checkUnikernel(n("alpha:bar"), U));
        assertEquals(Optional.of("CPUids 1 are not allowed by policy"),
                r.checkUnikernel(n("alpha:bar"), unikernel(List.of(1), 10, List.of("service"))));
        assertEquals(Optional.of("maximum allowed memory (10, used 0) would be exceeded (requesting 11)"),
                r.checkUnikernel(n("alpha:bar"), unikernel(List.of(0), 11, List.of("service"))));
        assertEquals(Optional.of("bridges service2 not allowed by policy"),
                r.checkUnikernel(n("alpha:bar"), unikernel(List.of(0), 10, List.of("service2"))));
        Resources running = r.insertUnikernel(n("alpha:bar"), U).orElseThrow();
        assertEquals(Optional.of("maximum amount of unikernels (1) reached"),
                running.checkUnikernel(n("alpha:baz"), U));
    }

    @Test
    void blocksBelowAPolicyAreCheckedAgainstIt() {
        Resources r = withP1();
        assertEquals(Optional.empty(), r.checkBlock(n("alpha:bar"), 5));
        assertEquals(Optional.of("block device policy limit of 5 MB (used 0 MB) would be exceeded by the request "
                + "(10 MB)"), r.checkBlock(n("alpha:bar"), 10));
        Resources noBlock = Resources.empty(Optional.empty())
                .insertPolicy(Path.of("alpha"), policy(1, List.of(0), 10, OptionalInt.empty(), List.of("service")))
                .orElseThrow();
        assertEquals(Optional.of("no block devices are allowed by policy"), noBlock.checkBlock(n("alpha:bar"), 1));
    }

    @Test
    void subPoliciesMustBeSmaller() {
        Resources r = withP1();
        Path sub = Path.of("alpha", "beta");
        assertInstanceOf(Resources.Outcome.Done.class, r.insertPolicy(sub, P1));
        assertEquals(Optional.of("policy above allows 1 unikernels, which is fewer than 2"),
                refusal(r.insertPolicy(sub, policy(2, List.of(0), 10, OptionalInt.of(5), List.of("service")))));
        assertEquals(Optional.of("policy above does not allow CPUids 1"),
                refusal(r.insertPolicy(sub, policy(1, List.of(1), 10, OptionalInt.of(5), List.of("service")))));
        assertEquals(Optional.of("policy above does not allow CPUids 1"),
                refusal(r.insertPolicy(sub, policy(1, List.of(0, 1), 10, OptionalInt.of(5), List.of("service")))));
        assertEquals(Optional.of("policy above allows 10 MB memory, which is fewer than 11 MB"),
                refusal(r.insertPolicy(sub, policy(1, List.of(0), 11, OptionalInt.of(5), List.of("service")))));
        assertEquals(Optional.of("policy above allows 5 MB block storage, which is fewer than 10 MB"),
                refusal(r.insertPolicy(sub, policy(1, List.of(0), 10, OptionalInt.of(10), List.of("service")))));
        assertEquals(Optional.of("policy above allows bridge(s) service, which is not a superset of service2"),
                refusal(r.insertPolicy(sub, policy(1, List.of(0), 10, OptionalInt.of(5), List.of("service2")))));
        assertTrue(refusal(r.insertPolicy(sub, policy(1, List.of(0), 10, OptionalInt.of(5),
                List.of("service", "service2")))).isPresent());
        assertInstanceOf(Resources.Outcome.Done.class,
                r.insertPolicy(sub, policy(1, List.of(0), 10, OptionalInt.empty(), List.of("service"))));
    }

    @Test
    void policiesAboveMustContainThePoliciesBelow() {
        Resources r = withP1();
        for (Policy ok : List.of(policy(2, List.of(0, 1), 11, OptionalInt.of(5), List.of("service", "foo")))) {
            assertInstanceOf(Resources.Outcome.Done.class, r.insertPolicy(Path.ROOT, ok));
        }
        for (Policy bad : List.of(policy(0, List.of(0), 10, OptionalInt.of(5), List.of("service")),
                policy(1, List.of(1), 10, OptionalInt.of(5), List.of("service")),
                policy(1, List.of(0), 5, OptionalInt.of(5), List.of("service")),
                policy(1, List.of(0), 10, OptionalInt.of(3), List.of("service")),
                policy(1, List.of(0), 10, OptionalInt.empty(), List.of("service")),
                policy(1, List.of(0), 10, OptionalInt.of(5), List.of("foo")))) {
            assertTrue(refusal(r.insertPolicy(Path.ROOT, bad)).isPresent(), bad.toString());
        }
        assertInstanceOf(Resources.Outcome.Done.class,
                r.insertPolicy(Path.of("alpha"), policy(2, List.of(0), 10, OptionalInt.of(5), List.of("service"))));
    }

    @Test
    void aNewPolicyMustFitWhatAlreadyRuns() {
        Resources r = withP1().insertUnikernel(n("alpha:bar"), U).orElseThrow();
        assertEquals(Optional.of("unikernel would exceed running memory limit set by policy to 9 MB, used 10 MB"),
                refusal(r.insertPolicy(Path.of("alpha"), policy(1, List.of(0), 9, OptionalInt.of(5),
                        List.of("service")))));
        assertEquals(Optional.of("policy does not allow CPUids 0"), refusal(Resources.empty(Optional.empty())
                .insertUnikernel(n("beta:u"), U).orElseThrow()
                .insertPolicy(Path.of("beta"), policy(1, List.of(1), 10, OptionalInt.empty(), List.of("service")))));
    }

    @Test
    void blocksAndUnikernelsComeAndGo() {
        Resources r = withP1().insertBlock(n("alpha:block"), 2).orElseThrow();
        assertEquals(Optional.of("block device with name alpha:block already exists"),
                refusal(r.insertBlock(n("alpha:block"), 1)));
        Resources removed = r.removeBlock(n("alpha:block")).orElseThrow();
        assertInstanceOf(Resources.Outcome.Done.class, removed.insertBlock(n("alpha:block"), 2));
        assertEquals(Optional.of("unknown block device alpha:nope"), refusal(r.removeBlock(n("alpha:nope"))));
        assertEquals(Optional.of("unknown policy"), refusal(r.removePolicy(Path.of("nope"))));
        assertEquals(Optional.of("unknown unikernel"), refusal(r.removeUnikernel(n("alpha:nope"))));
        Resources running = r.insertUnikernel(n("alpha:bar"), U).orElseThrow();
        assertEquals(Optional.of("unikernel with same name already exists"),
                refusal(running.insertUnikernel(n("alpha:bar"), U)));
    }

    @Test
    void aBlockInUseCanNeitherBeSharedNorRemoved() {
        UnikernelConfig withBlock = U.toBuilder().blocks(List.of(BlockDevice.of("block"))).build();
        Resources r = withP1();
        assertEquals(Optional.of("block device alpha:block not found"), r.checkUnikernel(n("alpha:bar"), withBlock));
        r = r.insertBlock(n("alpha:block"), 2).orElseThrow();
        Resources running = r.insertUnikernel(n("alpha:bar"), withBlock).orElseThrow();
        assertTrue(running.blocks().find(n("alpha:block")).orElseThrow().active());
        Resources bigger = running.insertPolicy(Path.of("alpha"), policy(2, List.of(0), 20, OptionalInt.of(5),
                List.of("service"))).orElseThrow();
        assertEquals(Optional.of("block device alpha:block already in use"),
                bigger.checkUnikernel(n("alpha:bar2"), withBlock));
        assertEquals(Optional.of("block device alpha:block in use"), refusal(running.removeBlock(n("alpha:block"))));
        Resources stopped = running.removeUnikernel(n("alpha:bar")).orElseThrow();
        assertTrue(!stopped.blocks().find(n("alpha:block")).orElseThrow().active());
    }

    @Test
    void siblingsCannotTogetherExceedTheirParent() {
        // Compat §13.2 #1, fixed: Albatross only checks the unikernel's own path.
        Policy parent = policy(2, List.of(0), 64, OptionalInt.empty(), List.of());
        Resources r = Resources.empty(Optional.empty()).insertPolicy(Path.of("alpha"), parent).orElseThrow()
                .insertPolicy(Path.of("alpha", "a"), parent).orElseThrow()
                .insertPolicy(Path.of("alpha", "b"), parent).orElseThrow();
        UnikernelConfig forty = unikernel(List.of(0), 40, List.of());
        r = r.insertUnikernel(n("alpha:a:x"), forty).orElseThrow();
        assertEquals(Optional.of("maximum allowed memory (64, used 40) would be exceeded (requesting 40) "
                + "(policy of alpha:)"), r.checkUnikernel(n("alpha:b:y"), forty));
    }

    @Test
    void theHostPolicyBoundsEveryoneBelowIt() {
        // Compat §13.2 #20, fixed: Albatross never consults the root policy as an ancestor.
        Policy host = policy((1L << 62) - 1, List.of(0, 1), 1024, OptionalInt.of(100), List.of("br0"));
        Resources r = Resources.empty(Optional.empty()).withRootPolicy(host);
        assertEquals(Optional.of("policy above allows 1024 MB memory, which is fewer than 2048 MB"),
                refusal(r.insertPolicy(Path.of("big"), policy(1, List.of(0), 2048, OptionalInt.empty(), List.of()))));
        assertInstanceOf(Resources.Outcome.Done.class,
                r.restorePolicy(Path.of("big"), policy(1, List.of(0), 2048, OptionalInt.empty(), List.of())));
        assertEquals(Optional.of("bridges nosuchbr not allowed by policy"),
                r.checkUnikernel(n(":nobr"), unikernel(List.of(0), 16, List.of()).toBuilder()
                        .bridges(List.of(new NetIf("service0", Optional.of("nosuchbr"), Optional.empty()))).build()));
        assertEquals(Optional.of("block device policy limit of 100 MB (used 0 MB) would be exceeded by the request "
                + "(200 MB) (policy of the host)"), r.checkBlock(n("user:disk"), 200));
    }

    @Test
    void consolesPerPathFollowThePolicy() {
        Resources r = withP1();
        assertEquals((1L << 62) - 1, r.consolesFor(n(":hello")));
        assertEquals(1, r.consolesFor(n("alpha:hello")));
        assertEquals(0, r.consolesFor(n("beta:hello")));
    }
}
