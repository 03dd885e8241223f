package dev.albatross.daemon.core;

import dev.albatross.protocol.wire.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Helpers of the resource checks (spec §6.5), with Albatross's wording, since tenants read these texts. Whether a
 * policy is within the one above it is {@code protocol.x509.ChainPolicyRules.notSmaller}, which the TLS endpoint
 * and the client use too.
 */
public final class PolicyRules {
    private PolicyRules() {
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
