package dev.albatross.client.cert;

import dev.albatross.client.output.OcamlText;
import dev.albatross.protocol.wire.NetIf;
import dev.albatross.protocol.wire.Policy;
import dev.albatross.protocol.wire.UnikernelConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The policy checks the client makes before it signs or sends anything (spec §6.5), with Albatross's messages:
 * {@code Policy.usable} and {@code Unikernel.fine_with_policy} ({@code Policy.is_smaller} is
 * {@code ChainPolicyRules.notSmaller}). Each returns the problem, or empty when the check passes.
 */
public final class PolicyCheck {
    private PolicyCheck() {
    }

    /** {@code Policy.usable}: at least one unikernel and CPU, more than 16 MB, no negative block storage. */
    public static Optional<String> usable(Policy p) {
        if (p.unikernels() <= 0) {
            return Optional.of("Unusable policy with no unikernels");
        }
        if (p.cpuids().isEmpty()) {
            return Optional.of("Unusable policy with no CPUids");
        }
        if (p.memoryMb() <= 16) {
            return Optional.of("Unusable policy with memory " + p.memoryMb() + " MB <= 16 MB");
        }
        if (p.blockMb().isPresent() && p.blockMb().getAsInt() < 0) {
            return Optional.of("Unusable policy with block " + p.blockMb().getAsInt() + " MB < 0 MB");
        }
        return Optional.empty();
    }

    /** {@code Unikernel.fine_with_policy}: CPU ids, memory and bridges within the issuing CA's policy. */
    public static Optional<String> fineWithPolicy(Policy p, UnikernelConfig c) {
        if (!p.cpuids().containsAll(c.cpuids())) {
            List<Integer> diff = new ArrayList<>(c.cpuids());
            diff.removeAll(p.cpuids());
            return Optional.of("the CPUids " + OcamlText.ints(diff, ", ")
                    + " requested by the unikernel are not allowed by policy");
        }
        if (c.memoryMb() > p.memoryMb()) {
            return Optional.of(Integer.toUnsignedString(c.memoryMb()) + " MB memory assigned to unikernel exceeds "
                    + "policy (" + Integer.toUnsignedString(p.memoryMb()) + "MB)");
        }
        List<String> disallowed = new ArrayList<>();
        for (NetIf n : c.bridges()) {
            if (!p.bridges().contains(n.hostBridge())) {
                disallowed.add(n.hostBridge());
            }
        }
        if (!disallowed.isEmpty()) {
            return Optional.of("Bridge(s) " + String.join(", ", disallowed) + " not allowed by policy (available: "
                    + String.join(", ", p.bridges()) + ")");
        }
        return Optional.empty();
    }
}
