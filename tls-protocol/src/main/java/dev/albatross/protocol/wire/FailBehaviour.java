package dev.albatross.protocol.wire;

import java.util.List;

/**
 * What to do when a unikernel exits (spec §5.3):
 * <pre>
 * FailBehaviour ::= CHOICE {
 *   quit     [0] NULL,
 *   restart  [1] SET OF INTEGER }   -- empty: every exit code but 1 and 60–64
 * </pre>
 */
public sealed interface FailBehaviour {
    enum Kind { QUIT, RESTART }

    Kind kind();

    record Quit() implements FailBehaviour {
        @Override
        public Kind kind() {
            return Kind.QUIT;
        }
    }

    /**
     * Restart on the listed exit codes, or on all (but 1 and 60–64) if the list is empty. A set on the wire:
     * held sorted and without duplicates.
     */
    record Restart(List<Integer> exitCodes) implements FailBehaviour {
        public Restart {
            exitCodes = SortedSets.of(exitCodes);
        }

        /** Restart on every exit code (but 1 and 60–64). */
        public static Restart onAnyExit() {
            return new Restart(List.of());
        }

        public boolean onAllCodes() {
            return exitCodes.isEmpty();
        }

        @Override
        public Kind kind() {
            return Kind.RESTART;
        }
    }
}
