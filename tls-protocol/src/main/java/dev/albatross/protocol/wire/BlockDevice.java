package dev.albatross.protocol.wire;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A block device of a unikernel configuration (spec §5.3):
 * {@code SEQUENCE { name UTF8String, device UTF8String OPTIONAL, sector-size INTEGER OPTIONAL }}.
 *
 * @param name the unikernel's (manifest) name of the device
 * @param device the host block device, by default the same as {@code name}
 * @param sectorSize passed to the tender as {@code --block-sector-size}; absent means its default, 512
 */
public record BlockDevice(String name, Optional<String> device, OptionalInt sectorSize) {
    public BlockDevice {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(sectorSize, "sectorSize");
    }

    public static BlockDevice of(String name) {
        return new BlockDevice(name, Optional.empty(), OptionalInt.empty());
    }

    /** The host block device this refers to: {@code device}, or {@code name} if none is given. */
    public String hostDevice() {
        return device.orElse(name);
    }
}
