package dev.albatross.protocol.wire;

import java.util.Objects;

/**
 * Counters of one network interface (spec §5.6); 32-bit fields are INTEGERs (wrapping), 64-bit ones 8-byte
 * OCTET STRINGs. {@code bridge} holds the unikernel-side interface name. "Input" is the host's view of the
 * tap: traffic from the unikernel to the host.
 */
public record IfData(
        String bridge, int flags, int sendLength, int maxSendLength, int sendDrops, int mtu, long baudrate,
        long inputPackets, long inputErrors, long outputPackets, long outputErrors, long collisions,
        long inputBytes, long outputBytes, long inputMcast, long outputMcast, long inputDropped,
        long outputDropped) {
    public IfData {
        Objects.requireNonNull(bridge, "bridge");
    }
}
