package dev.albatross.protocol.wire;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import dev.albatross.protocol.der.RawText;

/**
 * A resource policy (spec §5.2, §6.5):
 * <pre>
 * Policy ::= SEQUENCE {
 *   cpuids      SEQUENCE OF INTEGER,     -- a set, ascending
 *   unikernels  INTEGER,                 -- most running unikernels
 *   memory      INTEGER,                 -- MB
 *   block       INTEGER OPTIONAL,        -- MB of block storage; absent: no block devices
 *   bridges     SEQUENCE OF UTF8String } -- a set, in byte order
 * </pre>
 * Both lists are sets in Albatross, so they are held sorted and without duplicates whatever the wire order.
 */
public record Policy(long unikernels, List<Integer> cpuids, int memoryMb, OptionalInt blockMb, List<String> bridges) {
    public Policy {
        cpuids = SortedSets.of(cpuids);
        Objects.requireNonNull(blockMb, "blockMb");
        bridges = SortedSets.of(bridges, RawText.BYTE_ORDER);
    }
}
