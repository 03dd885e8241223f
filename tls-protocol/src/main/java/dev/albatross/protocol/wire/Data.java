package dev.albatross.protocol.wire;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.der.GeneralizedTime;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Streamed data (spec §5.6). Tags 0 (UTCTime console) and 2 (log) were removed and are refused.
 * <pre>
 * Data ::= CHOICE {
 *   statistics [1] SEQUENCE { Rusage, SEQUENCE OF IfData, [0] vmm OPTIONAL, [1] IMPLICIT KinfoMem OPTIONAL },
 *   console    [3] SEQUENCE { timestamp GeneralizedTime, line UTF8String },
 *   block      [4] CHOICE { some-data [0] OCTET STRING, no-data [1] NULL } }
 * </pre>
 */
public sealed interface Data extends Payload {
    enum Kind { STATISTICS, CONSOLE, BLOCK }

    Kind kind();

    @Override
    default Payload.Kind payloadKind() {
        return Payload.Kind.DATA;
    }

    /** One sample of a unikernel's resource usage. */
    record Statistics(Rusage rusage, List<IfData> ifdata, Optional<List<VmmStat>> vmm, Optional<KinfoMem> kinfoMem)
            implements Data {
        public Statistics {
            Objects.requireNonNull(rusage, "rusage");
            ifdata = List.copyOf(ifdata);
            vmm = vmm.map(List::copyOf);
            Objects.requireNonNull(kinfoMem, "kinfoMem");
        }

        @Override
        public Kind kind() {
            return Kind.STATISTICS;
        }
    }

    /** One console line and when it was read; the line is bytes as printed (see {@code RawText}). */
    record Console(Instant timestamp, String line) implements Data {
        public Console {
            Objects.requireNonNull(timestamp, "timestamp");
            if (!GeneralizedTime.representable(timestamp)) {
                throw new IllegalArgumentException("timestamp out of range: " + timestamp);
            }
            Objects.requireNonNull(line, "line");
        }

        @Override
        public Kind kind() {
            return Kind.CONSOLE;
        }
    }

    /** A chunk of a block dump, or its end ({@code chunk} empty). */
    record BlockData(Optional<Bytes> chunk) implements Data {
        public BlockData {
            Objects.requireNonNull(chunk, "chunk");
        }

        public static BlockData end() {
            return new BlockData(Optional.empty());
        }

        @Override
        public Kind kind() {
            return Kind.BLOCK;
        }
    }
}
