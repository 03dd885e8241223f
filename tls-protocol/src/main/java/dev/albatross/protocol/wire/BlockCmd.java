package dev.albatross.protocol.wire;

import dev.albatross.protocol.der.Bytes;
import java.util.Objects;
import java.util.Optional;

/**
 * Block device commands (spec §5.2):
 * <pre>
 * BlockCmd ::= CHOICE {
 *   info     [0] NULL,
 *   add      [1] INTEGER,                       -- size in MB; data follows with Set (since 2.5.0)
 *   remove   [2] NULL,
 *   add-OLD  [3] SEQUENCE { size INTEGER, compress BOOLEAN, data OCTET STRING OPTIONAL },
 *   set-OLD  [4] SEQUENCE { compress BOOLEAN, data OCTET STRING },
 *   dump-OLD [5] INTEGER,                       -- level; whole data in one reply
 *   dump     [6] INTEGER,                       -- level; streamed reply
 *   set      [7] BOOLEAN }                      -- compressed; raw chunk stream follows
 * </pre>
 */
public sealed interface BlockCmd extends Command {
    enum Kind { INFO, ADD, REMOVE, OLD_ADD, OLD_SET, OLD_DUMP, DUMP, SET }

    Kind kind();

    @Override
    default Command.Kind commandKind() {
        return Command.Kind.BLOCK;
    }

    record Info() implements BlockCmd {
        @Override
        public Kind kind() {
            return Kind.INFO;
        }
    }

    record Add(int sizeMb) implements BlockCmd {
        @Override
        public Kind kind() {
            return Kind.ADD;
        }
    }

    record Remove() implements BlockCmd {
        @Override
        public Kind kind() {
            return Kind.REMOVE;
        }
    }

    /** Add with inline data (before 2.5.0). */
    record OldAdd(int sizeMb, boolean compressed, Optional<Bytes> data) implements BlockCmd {
        public OldAdd {
            Objects.requireNonNull(data, "data");
        }

        @Override
        public Kind kind() {
            return Kind.OLD_ADD;
        }
    }

    /** Set with inline data (before 2.5.0). */
    record OldSet(boolean compressed, Bytes data) implements BlockCmd {
        public OldSet {
            Objects.requireNonNull(data, "data");
        }

        @Override
        public Kind kind() {
            return Kind.OLD_SET;
        }
    }

    /** Dump answered with the whole data in one reply (before 2.5.0). */
    record OldDump(int level) implements BlockCmd {
        @Override
        public Kind kind() {
            return Kind.OLD_DUMP;
        }
    }

    /** Dump answered as a stream of block data messages; {@code level} 0 means uncompressed. */
    record Dump(int level) implements BlockCmd {
        @Override
        public Kind kind() {
            return Kind.DUMP;
        }
    }

    /** Replace the content with the raw chunk stream that follows; {@code compressed}: it is zlib. */
    record Set(boolean compressed) implements BlockCmd {
        @Override
        public Kind kind() {
            return Kind.SET;
        }
    }
}
