package dev.albatross.stats;

import java.util.Objects;

/** One network interface of a registered unikernel: its side's name, the host tap, and the tap's ifindex. */
record Link(String netif, String tap, int ifindex) {
    Link {
        Objects.requireNonNull(netif, "netif");
        Objects.requireNonNull(tap, "tap");
    }
}
