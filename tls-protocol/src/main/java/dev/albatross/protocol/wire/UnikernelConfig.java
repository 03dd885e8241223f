package dev.albatross.protocol.wire;

import dev.albatross.protocol.der.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A unikernel's configuration (spec §5.3, current "V5" grammar):
 * <pre>
 * UnikernelConfig ::= SEQUENCE {
 *   typ             Typ,
 *   compressed      BOOLEAN,                 -- image is zlib (RFC 1950)
 *   image           OCTET STRING,            -- may be empty: a TLS create then streams it
 *   startup         INTEGER OPTIONAL,        -- start priority, lower first; absent = 50
 *   add-name        BOOLEAN,                 -- pass "--name=&lt;label&gt;" first
 *   fail-behaviour  FailBehaviour,
 *   cpuids          SET OF INTEGER,
 *   memory          INTEGER,                 -- MB
 *   blocks    [0] SET OF BlockDev OPTIONAL,  -- omitted when empty
 *   bridges   [1] SET OF NetIf OPTIONAL,     -- omitted when empty
 *   arguments [2] SEQUENCE OF UTF8String OPTIONAL,
 *   cpus      [3] INTEGER OPTIONAL,          -- written always; absent = 1
 *   linux-boot-partition [4] UTF8String OPTIONAL }
 * </pre>
 * Lists decoded from a SET OF keep their wire order (quirk 2: Albatross sorts them by encoding when
 * writing, and so do we); {@code cpuids} is a set and is held in ascending order.
 */
public record UnikernelConfig(
        Typ typ,
        boolean compressed,
        Bytes image,
        OptionalInt startup,
        boolean addName,
        FailBehaviour failBehaviour,
        List<Integer> cpuids,
        int memoryMb,
        List<BlockDevice> blocks,
        List<NetIf> bridges,
        Optional<List<String>> arguments,
        OptionalInt cpus,
        Optional<String> linuxBootPartition) {

    /** The start priority of a configuration without one (spec §7.1). */
    public static final int DEFAULT_STARTUP = 50;

    public UnikernelConfig {
        Objects.requireNonNull(typ, "typ");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(startup, "startup");
        Objects.requireNonNull(failBehaviour, "failBehaviour");
        cpuids = SortedSets.of(cpuids);
        blocks = List.copyOf(blocks);
        bridges = List.copyOf(bridges);
        arguments = arguments.map(List::copyOf);
        Objects.requireNonNull(cpus, "cpus");
        Objects.requireNonNull(linuxBootPartition, "linuxBootPartition");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().typ(typ).compressed(compressed).image(image).startup(startup).addName(addName)
                .failBehaviour(failBehaviour).cpuids(cpuids).memoryMb(memoryMb).blocks(blocks).bridges(bridges)
                .arguments(arguments).cpus(cpus).linuxBootPartition(linuxBootPartition);
    }

    /** The start priority, 50 when none is given. */
    public int effectiveStartup() {
        return startup.orElse(DEFAULT_STARTUP);
    }

    /** The number of virtual CPUs (BHyve), 1 when none is given. */
    public int effectiveCpus() {
        return cpus.orElse(1);
    }

    /** The user's arguments, empty when none are given. */
    public List<String> argv() {
        return arguments.orElse(List.of());
    }

    /** This configuration with {@code args} applied, as a restart with new arguments does (spec §5.3). */
    public UnikernelConfig with(UnikernelArguments args) {
        return toBuilder().failBehaviour(args.failBehaviour()).startup(args.startup()).addName(args.addName())
                .cpuids(args.cpuids()).memoryMb(args.memoryMb()).blocks(args.blocks()).bridges(args.bridges())
                .arguments(args.arguments()).cpus(args.cpus()).linuxBootPartition(args.linuxBootPartition())
                .build();
    }

    /** This configuration's arguments part (everything but typ, compressed and image). */
    public UnikernelArguments asArguments() {
        return new UnikernelArguments(failBehaviour, startup, addName, cpuids, memoryMb, blocks, bridges,
                arguments, cpus, linuxBootPartition);
    }

    /** Hand-written builder: thirteen fields, most of them optional. */
    public static final class Builder {
        private Typ typ = Typ.SOLO5;
        private boolean compressed;
        private Bytes image = Bytes.EMPTY;
        private OptionalInt startup = OptionalInt.empty();
        private boolean addName = true;
        private FailBehaviour failBehaviour = new FailBehaviour.Quit();
        private List<Integer> cpuids = List.of(0);
        private int memoryMb = 32;
        private List<BlockDevice> blocks = List.of();
        private List<NetIf> bridges = List.of();
        private Optional<List<String>> arguments = Optional.empty();
        private OptionalInt cpus = OptionalInt.of(1);
        private Optional<String> linuxBootPartition = Optional.empty();

        private Builder() {
        }

        public Builder typ(Typ value) {
            typ = value;
            return this;
        }

        public Builder compressed(boolean value) {
            compressed = value;
            return this;
        }

        public Builder image(Bytes value) {
            image = value;
            return this;
        }

        public Builder startup(OptionalInt value) {
            startup = value;
            return this;
        }

        public Builder addName(boolean value) {
            addName = value;
            return this;
        }

        public Builder failBehaviour(FailBehaviour value) {
            failBehaviour = value;
            return this;
        }

        public Builder cpuids(List<Integer> value) {
            cpuids = new ArrayList<>(value);
            return this;
        }

        public Builder memoryMb(int value) {
            memoryMb = value;
            return this;
        }

        public Builder blocks(List<BlockDevice> value) {
            blocks = value;
            return this;
        }

        public Builder bridges(List<NetIf> value) {
            bridges = value;
            return this;
        }

        public Builder arguments(Optional<List<String>> value) {
            arguments = value;
            return this;
        }

        public Builder cpus(OptionalInt value) {
            cpus = value;
            return this;
        }

        public Builder linuxBootPartition(Optional<String> value) {
            linuxBootPartition = value;
            return this;
        }

        public UnikernelConfig build() {
            return new UnikernelConfig(typ, compressed, image, startup, addName, failBehaviour, cpuids, memoryMb,
                    blocks, bridges, arguments, cpus, linuxBootPartition);
        }
    }
}
