package dev.albatross.tender.net;

import java.util.Objects;

/**
 * A tap created for a unikernel network interface: up, and a port of {@code bridge}.
 *
 * @param name the interface name, e.g. {@code vmmtap3}, passed to the tender as {@code --net:<netif>=<name>}
 * @param bridge the bridge it is attached to
 * @param ifIndex the kernel's interface index, which stays fixed while the tap exists
 */
public record TapDevice(String name, String bridge, int ifIndex) {
    public TapDevice {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bridge, "bridge");
    }
}
