package dev.albatross.protocol.wire;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.name.Mac;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@code info} reports of a running unikernel (spec §5.4):
 * <pre>
 * Info ::= SEQUENCE {
 *   typ Typ, startup INTEGER OPTIONAL, fail-behaviour FailBehaviour, cpuids SET OF INTEGER, memory INTEGER,
 *   digest OCTET STRING,                 -- SHA-256 of the uncompressed image (BHyve: the VM name)
 *   blocks  [0] SET OF SEQUENCE { unikernel-device, host-device, sector-size INTEGER, size INTEGER } OPTIONAL,
 *   bridges [1] SET OF SEQUENCE { unikernel-device, host-device, mac OCTET STRING } OPTIONAL,
 *   arguments [2] SEQUENCE OF UTF8String OPTIONAL,   -- the user's argv, without the injected --name
 *   started [3] GeneralizedTime OPTIONAL, cpus [4] INTEGER OPTIONAL,
 *   linux-boot-partition [5] UTF8String OPTIONAL }
 * InfoV5 ::= SEQUENCE { typ, startup OPT, fail-behaviour, cpuid INTEGER, memory, digest, [0], [1], [2], [3] time OPT }
 * InfoV4 ::= SEQUENCE { typ, fail-behaviour, cpuid INTEGER, memory, digest, [0], [1], [2], [3] time OPT }
 * </pre>
 */
public record Info(
        Typ typ,
        OptionalInt startup,
        FailBehaviour failBehaviour,
        List<Integer> cpuids,
        int memoryMb,
        Bytes digest,
        List<Block> blocks,
        List<Bridge> bridges,
        Optional<List<String>> arguments,
        Optional<Instant> started,
        OptionalInt cpus,
        Optional<String> linuxBootPartition) {

    public Info {
        Objects.requireNonNull(typ, "typ");
        Objects.requireNonNull(startup, "startup");
        Objects.requireNonNull(failBehaviour, "failBehaviour");
        cpuids = SortedSets.of(cpuids);
        Objects.requireNonNull(digest, "digest");
        blocks = List.copyOf(blocks);
        bridges = List.copyOf(bridges);
        arguments = arguments.map(List::copyOf);
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(cpus, "cpus");
        Objects.requireNonNull(linuxBootPartition, "linuxBootPartition");
    }

    /** A block device in use: both names, the sector size (512 if not configured) and the size in MB. */
    public record Block(String unikernelDevice, String hostDevice, int sectorSize, int sizeMb) {
        public Block {
            Objects.requireNonNull(unikernelDevice, "unikernelDevice");
            Objects.requireNonNull(hostDevice, "hostDevice");
        }
    }

    /** A network interface: both names and the effective MAC address. */
    public record Bridge(String unikernelDevice, String hostDevice, Mac mac) {
        public Bridge {
            Objects.requireNonNull(unikernelDevice, "unikernelDevice");
            Objects.requireNonNull(hostDevice, "hostDevice");
            Objects.requireNonNull(mac, "mac");
        }
    }
}
