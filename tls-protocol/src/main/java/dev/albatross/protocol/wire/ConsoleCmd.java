package dev.albatross.protocol.wire;

import java.time.Instant;
import java.util.Objects;

/**
 * Console commands (spec §5.2):
 * <pre>
 * ConsoleCmd ::= CHOICE {
 *   add            [0] INTEGER,            -- most ring buffers kept for the path (since 2.6.1)
 *                                          -- [1] old subscribe with UTCTime: removed, refused
 *   subscribe      [2] CHOICE { since [0] GeneralizedTime, count [1] INTEGER },
 *   list-inactive  [3] NULL }
 * </pre>
 */
public sealed interface ConsoleCmd extends Command {
    enum Kind { ADD, SUBSCRIBE_SINCE, SUBSCRIBE_COUNT, LIST_INACTIVE }

    Kind kind();

    @Override
    default Command.Kind commandKind() {
        return Command.Kind.CONSOLE;
    }

    /** {@code Console_add n}: albatrossd opens a unikernel's console; {@code n} bounds the path's consoles. */
    record Add(long maxConsoles) implements ConsoleCmd {
        @Override
        public Kind kind() {
            return Kind.ADD;
        }
    }

    /** Subscribe, first replaying the lines no older than {@code since}. */
    record SubscribeSince(Instant since) implements ConsoleCmd {
        public SubscribeSince {
            Objects.requireNonNull(since, "since");
            if (!dev.albatross.protocol.der.GeneralizedTime.representable(since)) {
                throw new IllegalArgumentException("since out of range: " + since);
            }
        }

        @Override
        public Kind kind() {
            return Kind.SUBSCRIBE_SINCE;
        }
    }

    /** Subscribe, first replaying the last {@code count} lines (any value on the wire; bounded when used). */
    record SubscribeCount(long count) implements ConsoleCmd {
        @Override
        public Kind kind() {
            return Kind.SUBSCRIBE_COUNT;
        }
    }

    /** {@code Console_list_inactive}: consoles below a path whose unikernel has stopped. */
    record ListInactive() implements ConsoleCmd {
        @Override
        public Kind kind() {
            return Kind.LIST_INACTIVE;
        }
    }
}
