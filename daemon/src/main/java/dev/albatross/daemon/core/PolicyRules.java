package dev.albatross.daemon.core;

import dev.albatross.protocol.wire.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The rules that relate two policies (spec §6.5), with Albatross's wording, since tenants read these texts.
 */
public final class PolicyRules {
    private PolicyRules() {
    }

    /** Why {@code p} cannot be used at all (checked by the client and by {@code sign}), or empty. */
    public static Optional<String> unusable(Policy p) {
        if (p.unikernels() <= 0) {
            return Optional.of("Unusable policy with no unikernels");
        } else if (p.cpuids().isEmpty()) {
            return Optional.of("Unusable policy with no CPUids");
        } else if (p.memoryMb() <= 16) {
            return Optional.of("Unusable policy with memory " + p.memoryMb() + " MB <= 16 MB");
        } else if (p.blockMb().isPresent() && p.blockMb().getAsInt() < 0) {
            return Optional.of("Unusable policy with block " + p.blockMb().getAsInt() + " MB < 0 MB");
        }
        return Optional.empty();
    }

    /**
     * Why {@code sub} is not within {@code sup} (a delegation must shrink), or empty. Checked in Albatross's
     * order: unikernels, memory, CPU ids, bridges, block storage.
     */
    public static Optional<String> notSmaller(Policy sup, Policy sub) {
        if (sup.unikernels() < sub.unikernels()) {
            return Optional.of("policy above allows " + sup.unikernels() + " unikernels, which is fewer than "
                    + sub.unikernels());
        } else if (sup.memoryMb() < sub.memoryMb()) {
            return Optional.of("policy above allows " + sup.memoryMb() + " MB memory, which is fewer than "
                    + sub.memoryMb() + " MB");
        }
        List<Integer> cpus = difference(sub.cpuids(), sup.cpuids());
        if (!cpus.isEmpty()) {
            return Optional.of("policy above does not allow CPUids " + joinInts(cpus));
        } else if (!sup.bridges().containsAll(sub.bridges())) {
            return Optional.of("policy above allows bridge(s) " + String.join(", ", sup.bridges())
                    + ", which is not a superset of " + String.join(", ", sub.bridges()));
        }
        boolean blockOk = sub.blockMb().isEmpty()
                || (sup.blockMb().isPresent() && sup.blockMb().getAsInt() >= sub.blockMb().getAsInt());
        if (!blockOk) {
            return Optional.of("policy above allows " + sup.blockMb().orElse(0) + " MB block storage, which is fewer than "
                    + sub.blockMb().orElse(0) + " MB");
        }
        return Optional.empty();
    }

    /** The elements of {@code a} not in {@code b}, ascending. */
    static List<Integer> difference(List<Integer> a, List<Integer> b) {
        List<Integer> out = new ArrayList<>(new TreeSet<>(a));
        out.removeAll(b);
        return out;
    }

    /** Bridges of {@code used} not in {@code allowed}, in the configuration's order (as Albatross lists them). */
    static List<String> disallowedBridges(List<String> used, List<String> allowed) {
        List<String> out = new ArrayList<>();
        for (String b : used) {
            if (!allowed.contains(b)) {
                out.add(b);
            }
        }
        return out;
    }

    static String joinInts(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
