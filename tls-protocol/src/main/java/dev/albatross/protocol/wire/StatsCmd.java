package dev.albatross.protocol.wire;

import java.util.List;
import java.util.Objects;

/**
 * Statistics commands (spec §5.2):
 * <pre>
 * StatsCmd ::= CHOICE {
 *   add        [0] SEQUENCE {
 *                  vmmdev   UTF8String,   -- FreeBSD "solo5-&lt;pid&gt;", Linux ""
 *                  pid      INTEGER,
 *                  network  SEQUENCE OF SEQUENCE { netif UTF8String, tap UTF8String } },
 *   remove     [1] NULL,
 *   subscribe  [2] NULL,
 *   initial    [3] NULL }
 * </pre>
 */
public sealed interface StatsCmd extends Command {
    enum Kind { ADD, REMOVE, SUBSCRIBE, INITIAL }

    Kind kind();

    @Override
    default Command.Kind commandKind() {
        return Command.Kind.STATS;
    }

    /** One network interface of a unikernel: its side's name (the spec's "bridge" field) and the host tap. */
    record Interface(String netif, String tap) {
        public Interface {
            Objects.requireNonNull(netif, "netif");
            Objects.requireNonNull(tap, "tap");
        }
    }

    /** Start gathering statistics of process {@code pid} under the header's name. */
    record Add(String vmmdev, int pid, List<Interface> network) implements StatsCmd {
        public Add {
            Objects.requireNonNull(vmmdev, "vmmdev");
            network = List.copyOf(network);
        }

        @Override
        public Kind kind() {
            return Kind.ADD;
        }
    }

    record Remove() implements StatsCmd {
        @Override
        public Kind kind() {
            return Kind.REMOVE;
        }
    }

    record Subscribe() implements StatsCmd {
        @Override
        public Kind kind() {
            return Kind.SUBSCRIBE;
        }
    }

    /** Sent by the statistics daemon to albatrossd to become its statistics peer (spec §9.1). */
    record Initial() implements StatsCmd {
        @Override
        public Kind kind() {
            return Kind.INITIAL;
        }
    }
}
