package dev.albatross.client.inspect;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.der.Decoded;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What reading one input gave: its text, and our re-encoding of the decoded value. The re-encoding is made only
 * when asked for ({@code --reencode}), since it copies images; it can fail, e.g. for a state file in a version
 * Albatross itself cannot write.
 */
record Report(List<String> lines, Supplier<Decoded<Bytes>> reencoding) {
    Report {
        lines = List.copyOf(lines);
        Objects.requireNonNull(reencoding, "reencoding");
    }
}
