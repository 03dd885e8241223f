package dev.albatross.protocol.wire;

import dev.albatross.protocol.name.Mac;
import java.util.Objects;
import java.util.Optional;

/**
 * A network interface of a unikernel configuration (spec §5.3):
 * {@code SEQUENCE { netif UTF8String, bridge UTF8String OPTIONAL, mac OCTET STRING OPTIONAL }}.
 *
 * @param netif the unikernel's (manifest) name of the interface
 * @param bridge the host bridge, by default the same as {@code netif}
 * @param mac the MAC address; absent means derived from the unikernel's name (see {@code Name.mac})
 */
public record NetIf(String netif, Optional<String> bridge, Optional<Mac> mac) {
    public NetIf {
        Objects.requireNonNull(netif, "netif");
        Objects.requireNonNull(bridge, "bridge");
        Objects.requireNonNull(mac, "mac");
    }

    public static NetIf of(String netif) {
        return new NetIf(netif, Optional.empty(), Optional.empty());
    }

    /** The host bridge this interface attaches to: {@code bridge}, or {@code netif} if none is given. */
    public String hostBridge() {
        return bridge.orElse(netif);
    }
}
