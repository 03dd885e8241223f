package dev.albatross.tender.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

/**
 * A native {@code struct ifreq} holding an interface name and one integer of the union.
 *
 * <pre>
 * offset 0   char ifr_name[IFNAMSIZ]   NUL-terminated, at most 15 bytes of name
 * offset 16  union ifr_ifru            short ifru_flags | int ifru_ivalue (= ifr_ifindex) | ...
 * size 40    (LP64: the largest union member is struct ifmap, 24 bytes)
 * </pre>
 */
final class NetIfreq implements AutoCloseable {
    // Native: linux/if.h struct ifreq. The kernel copies sizeof(struct ifreq) bytes in and out of this buffer, so
    // it is allocated at the LP64 size, zeroed, and freed by close() (try-with-resources at every call site).
    private static final int SIZE = 40;
    private static final int UNION_OFFSET = NetLibC.IFNAMSIZ;

    private final Memory memory = new Memory(SIZE);

    NetIfreq(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0 || bytes.length >= NetLibC.IFNAMSIZ || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("interface name must be 1 to 15 bytes without NUL: " + name);
        }
        memory.clear();
        memory.write(0, bytes, 0, bytes.length);
    }

    Pointer pointer() {
        return memory;
    }

    short shortValue() {
        return memory.getShort(UNION_OFFSET);
    }

    void setShortValue(short value) {
        memory.setShort(UNION_OFFSET, value);
    }

    int intValue() {
        return memory.getInt(UNION_OFFSET);
    }

    void setIntValue(int value) {
        memory.setInt(UNION_OFFSET, value);
    }

    /** The name as the kernel left it (TUNSETIFF writes back the final name). */
    String name() {
        return memory.getString(0, StandardCharsets.UTF_8.name());
    }

    @Override
    public void close() {
        memory.close();
    }
}
