package dev.albatross.client.inspect;

import dev.albatross.protocol.state.StateFile;

/**
 * A state file (spec §5.9): its version, then the unikernels and the policies, each list in the file's (trie
 * pre-order) order.
 */
final class StateText {
    private StateText() {
    }

    static void state(Lines out, StateFile state) {
        out.field("state", version(state.format()) + " [" + state.format().tag() + "], unikernel config "
                + state.format().configFormat().name());
        out.field("unikernels", count(state.unikernels().size()));
        for (StateFile.NamedUnikernel u : state.unikernels()) {
            ConfigText.config(out.entry().field("name", u.name().text()), u.config());
        }
        if (!state.format().hasPolicies()) {
            out.field("policies", FieldText.absent("this version has none"));
        } else {
            out.field("policies", count(state.policies().size()));
        }
        for (StateFile.NamedPolicy p : state.policies()) {
            ConfigText.policy(out.entry().field("name", p.name().text()), p.policy());
        }
    }

    private static String count(int n) {
        return n == 0 ? FieldText.NONE : String.valueOf(n);
    }

    /** The spec's name of each alternative of the State CHOICE. */
    private static String version(StateFile.Format format) {
        return switch (format) {
            case OLD1 -> "unikernel-OLD1";
            case OLD0 -> "unikernel-OLD0";
            case OLD2 -> "unikernel-OLD2";
            case OLD3 -> "unikernel-OLD3";
            case OLD3_WITH_POLICIES -> "unikernel-and-policy-OLD";
            case V4_WITH_POLICIES -> "unikernel-and-policy-V4";
            case CURRENT -> "unikernel-and-policy";
        };
    }
}
