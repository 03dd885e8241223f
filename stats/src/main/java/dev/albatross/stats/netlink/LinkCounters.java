package dev.albatross.stats.netlink;

import java.util.Objects;

/**
 * What one {@code RTM_NEWLINK} message says of an interface: {@code ifi_index}, {@code IFLA_IFNAME},
 * {@code ifi_flags}, {@code IFLA_MTU} and the counters of {@code IFLA_STATS64} (or of the 32-bit
 * {@code IFLA_STATS} when a kernel sends no 64-bit ones, as libnl falls back). Counters are unsigned 64-bit,
 * kept in {@code long}s bit for bit.
 */
public record LinkCounters(int index, String name, int flags, int mtu, long rxPackets, long txPackets,
        long rxBytes, long txBytes, long rxErrors, long txErrors, long rxDropped, long txDropped, long multicast,
        long collisions) {
    public LinkCounters {
        Objects.requireNonNull(name, "name");
    }
}
