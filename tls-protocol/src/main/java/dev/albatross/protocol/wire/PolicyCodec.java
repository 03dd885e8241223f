package dev.albatross.protocol.wire;

import dev.albatross.protocol.der.DerNode;
import dev.albatross.protocol.der.DerReader;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** {@link Policy} (spec §5.2). Public because state files persist policies. */
public final class PolicyCodec {
    private PolicyCodec() {
    }

    public static DerNode node(Policy p) {
        List<DerNode> f = new ArrayList<>(5);
        f.add(Primitives.intSequence(p.cpuids()));
        f.add(DerNode.integer(p.unikernels()));
        f.add(DerNode.integer(p.memoryMb()));
        p.blockMb().ifPresent(b -> f.add(DerNode.integer(b)));
        f.add(Primitives.utf8Sequence(p.bridges()));
        return DerNode.sequence(f);
    }

    public static Policy read(DerReader in) {
        in.enter(DerReader.SEQUENCE, "Policy");
        List<Integer> cpuids = Primitives.intSequence(in, "cpuids");
        long unikernels = in.integer("unikernels");
        int memory = Primitives.int32Checked(in, "memory");
        OptionalInt block = in.peekTag() == DerReader.INTEGER ? OptionalInt.of(Primitives.int32Checked(in, "block"))
                : OptionalInt.empty();
        List<String> bridges = Primitives.utf8Sequence(in, "bridges");
        in.leave();
        return new Policy(unikernels, cpuids, memory, block, bridges);
    }
}
