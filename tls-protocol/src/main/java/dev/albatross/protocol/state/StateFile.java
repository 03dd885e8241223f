package dev.albatross.protocol.state;

import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.ConfigFormat;
import dev.albatross.protocol.wire.Policy;
import dev.albatross.protocol.wire.UnikernelConfig;
import java.util.List;
import java.util.Objects;

/**
 * The content of a state file (spec §5.9): unikernels and policies, each list in trie pre-order (parent
 * before children, children by label) as Albatross writes them.
 *
 * @param format the grammar version; {@link Format#CURRENT} is what Albatross and we write
 */
public record StateFile(Format format, List<NamedUnikernel> unikernels, List<NamedPolicy> policies) {

    /**
     * The versions of the state grammar, by the tag of the outer CHOICE.
     * <pre>
     * [0] V1 unikernels          [1] V0 unikernels          [2] V2 unikernels         [3] V3 unikernels
     * [4] V3 unikernels + policies    [5] V4 unikernels + policies    [6] V5 unikernels + policies
     * [7] NULL, reserved: refused ("not yet implemented")
     * </pre>
     */
    public enum Format {
        OLD1(0, ConfigFormat.V1, false),
        OLD0(1, ConfigFormat.V0, false),
        OLD2(2, ConfigFormat.V2, false),
        OLD3(3, ConfigFormat.V3, false),
        OLD3_WITH_POLICIES(4, ConfigFormat.V3, true),
        V4_WITH_POLICIES(5, ConfigFormat.V4, true),
        CURRENT(6, ConfigFormat.V5, true);

        private final int tag;
        private final ConfigFormat configFormat;
        private final boolean hasPolicies;

        Format(int tag, ConfigFormat configFormat, boolean hasPolicies) {
            this.tag = tag;
            this.configFormat = configFormat;
            this.hasPolicies = hasPolicies;
        }

        public int tag() {
            return tag;
        }

        public ConfigFormat configFormat() {
            return configFormat;
        }

        public boolean hasPolicies() {
            return hasPolicies;
        }
    }

    /** A unikernel's full name and configuration (image included). */
    public record NamedUnikernel(Name name, UnikernelConfig config) {
        public NamedUnikernel {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(config, "config");
        }
    }

    /** A policy and the path it applies to, written as a name without label ({@code foo:}, root {@code :}). */
    public record NamedPolicy(Name name, Policy policy) {
        public NamedPolicy {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(policy, "policy");
        }
    }

    public StateFile {
        Objects.requireNonNull(format, "format");
        unikernels = List.copyOf(unikernels);
        policies = List.copyOf(policies);
        if (!format.hasPolicies() && !policies.isEmpty()) {
            throw new IllegalArgumentException("state format " + format + " cannot hold policies");
        }
    }

    /** A current-format state file. */
    public static StateFile current(List<NamedUnikernel> unikernels, List<NamedPolicy> policies) {
        return new StateFile(Format.CURRENT, unikernels, policies);
    }
}
