package dev.albatross.protocol.wire;

import java.util.Objects;

/**
 * Policy commands (spec §5.2): {@code PolicyCmd ::= CHOICE { info [0] NULL, add [1] Policy, remove [2] NULL }}.
 */
public sealed interface PolicyCmd extends Command {
    enum Kind { INFO, ADD, REMOVE }

    Kind kind();

    @Override
    default Command.Kind commandKind() {
        return Command.Kind.POLICY;
    }

    record Info() implements PolicyCmd {
        @Override
        public Kind kind() {
            return Kind.INFO;
        }
    }

    record Add(Policy policy) implements PolicyCmd {
        public Add {
            Objects.requireNonNull(policy, "policy");
        }

        @Override
        public Kind kind() {
            return Kind.ADD;
        }
    }

    record Remove() implements PolicyCmd {
        @Override
        public Kind kind() {
            return Kind.REMOVE;
        }
    }
}
