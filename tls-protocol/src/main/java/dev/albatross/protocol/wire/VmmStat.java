package dev.albatross.protocol.wire;

import java.util.Objects;

/** One VMM debug counter (FreeBSD bhyve/vmm only): {@code SEQUENCE { key UTF8String, value int64 }}. */
public record VmmStat(String key, long value) {
    public VmmStat {
        Objects.requireNonNull(key, "key");
    }
}
