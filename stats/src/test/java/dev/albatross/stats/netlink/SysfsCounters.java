package dev.albatross.stats.netlink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Test oracle: an interface's figures as {@code /sys/class/net/<if>} shows them. Its {@code flags} file is
 * {@code dev->flags}, while rtnetlink (libnl, so Albatross) sends {@code dev_get_flags()}, which adds
 * {@code IFF_RUNNING}, {@code IFF_LOWER_UP} and {@code IFF_DORMANT} from the link state and takes
 * {@code IFF_PROMISC}/{@code IFF_ALLMULTI} from {@code gflags}: those bits are left out of the comparison.
 */
public record SysfsCounters(int flags, int mtu, long rxPackets, long txPackets, long rxBytes, long txBytes,
        long rxErrors, long txErrors, long rxDropped, long txDropped, long multicast, long collisions) {
    public static final Path SYS_CLASS_NET = Path.of("/sys/class/net");
    /** IFF_PROMISC | IFF_ALLMULTI | IFF_RUNNING | IFF_LOWER_UP | IFF_DORMANT (linux/if.h). */
    public static final int LINK_STATE_FLAGS = 0x100 | 0x200 | 0x40 | 0x10000 | 0x20000;

    public SysfsCounters {
        flags &= ~LINK_STATE_FLAGS;
    }

    public static SysfsCounters of(String name) throws IOException {
        Path dir = SYS_CLASS_NET.resolve(name);
        Path s = dir.resolve("statistics");
        return new SysfsCounters(Integer.decode(read(dir.resolve("flags"))), Integer.parseInt(read(dir.resolve("mtu"))),
                num(s, "rx_packets"), num(s, "tx_packets"), num(s, "rx_bytes"), num(s, "tx_bytes"),
                num(s, "rx_errors"), num(s, "tx_errors"), num(s, "rx_dropped"), num(s, "tx_dropped"),
                num(s, "multicast"), num(s, "collisions"));
    }

    public static SysfsCounters of(LinkCounters c) {
        return new SysfsCounters(c.flags(), c.mtu(), c.rxPackets(), c.txPackets(), c.rxBytes(), c.txBytes(),
                c.rxErrors(), c.txErrors(), c.rxDropped(), c.txDropped(), c.multicast(), c.collisions());
    }

    public static int ifIndex(String name) throws IOException {
        return Integer.parseInt(read(SYS_CLASS_NET.resolve(name).resolve("ifindex")));
    }

    public List<Long> counters() {
        return List.of(rxPackets, txPackets, rxBytes, txBytes, rxErrors, txErrors, rxDropped, txDropped, multicast,
                collisions);
    }

    private static long num(Path dir, String file) throws IOException {
        return Long.parseUnsignedLong(read(dir.resolve(file)));
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p).trim();
    }
}
