package dev.albatross.protocol.wire;

/**
 * The versions of the unikernel configuration grammar (spec §5.3). V5 is current; V3 and V4 still arrive
 * in create commands from old clients; V0–V2 only in old state files.
 * <pre>
 * V0  SEQUENCE { cpu, memory, block OPT, network-interfaces OPT, image CHOICE{[0],[1],[2]}, arguments OPT }
 * V1  typ, compressed, image, fail-behaviour, cpuid, memory, [0] SET OF name, [1] SET OF bridge, [2] argv
 * V2  like V1 but [1] SEQUENCE OF SEQUENCE { netif, bridge OPT }
 * V3  like V1 but [0] SET OF BlockDev, [1] SET OF NetIf
 * V4  V3 plus startup OPT and add-name after image
 * V5  V4 with cpuids SET OF INTEGER, plus [3] cpus and [4] linux-boot-partition
 * </pre>
 */
public enum ConfigFormat {
    V0, V1, V2, V3, V4, V5;

    /** Create commands carry V3 ([9]/[10]), V4 ([16]/[17]) or V5 ([20]/[21]). */
    void requireCommandFormat() {
        if (this != V3 && this != V4 && this != V5) {
            throw new IllegalArgumentException("create commands carry V3, V4 or V5 configurations, not " + this);
        }
    }
}
