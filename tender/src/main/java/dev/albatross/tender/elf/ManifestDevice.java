package dev.albatross.tender.elf;

import java.util.Objects;

/** A device declared in a Solo5 manifest: its name (at most 67 bytes) and type. */
public record ManifestDevice(String name, Type type) {
    /** {@code mft_type_t} of Solo5's mft_abi.h (the reserved first entry is not a device). */
    public enum Type {
        BLOCK_BASIC(1),
        NET_BASIC(2);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        /** The value in the manifest entry. */
        public int code() {
            return code;
        }
    }

    public ManifestDevice {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
