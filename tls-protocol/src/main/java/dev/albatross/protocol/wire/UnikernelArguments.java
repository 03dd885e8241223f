package dev.albatross.protocol.wire;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The new arguments of a restart (spec §5.3): everything of a configuration but typ, compressed and image.
 * <pre>
 * UnikernelArguments ([14][3]) ::= SEQUENCE {
 *   fail-behaviour, startup INTEGER OPTIONAL, add-name BOOLEAN, cpuids SET OF INTEGER, memory INTEGER,
 *   [0] SET OF BlockDev OPTIONAL, [1] SET OF NetIf OPTIONAL, [2] SEQUENCE OF UTF8String OPTIONAL,
 *   [3] INTEGER OPTIONAL, [4] UTF8String OPTIONAL }
 * UnikernelArgumentsV1 ([14][2]) ::= SEQUENCE { fail-behaviour, startup OPT, add-name, cpuid, memory, [0], [1], [2] }
 * UnikernelArgumentsV0 ([14][1]) ::= SEQUENCE { fail-behaviour, cpuid, memory, [0], [1], [2] }
 * </pre>
 */
public record UnikernelArguments(
        FailBehaviour failBehaviour,
        OptionalInt startup,
        boolean addName,
        List<Integer> cpuids,
        int memoryMb,
        List<BlockDevice> blocks,
        List<NetIf> bridges,
        Optional<List<String>> arguments,
        OptionalInt cpus,
        Optional<String> linuxBootPartition) {

    /** Which restart-arguments grammar a restart command uses. */
    public enum Format { V0, V1, CURRENT }

    public UnikernelArguments {
        Objects.requireNonNull(failBehaviour, "failBehaviour");
        Objects.requireNonNull(startup, "startup");
        cpuids = SortedSets.of(cpuids);
        blocks = List.copyOf(blocks);
        bridges = List.copyOf(bridges);
        arguments = arguments.map(List::copyOf);
        Objects.requireNonNull(cpus, "cpus");
        Objects.requireNonNull(linuxBootPartition, "linuxBootPartition");
    }
}
