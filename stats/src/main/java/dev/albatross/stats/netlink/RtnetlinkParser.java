package dev.albatross.stats.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Parses the answers to an {@code RTM_GETLINK} dump (linux/netlink.h, linux/rtnetlink.h, linux/if_link.h), all
 * in host byte order:
 *
 * <pre>
 *   nlmsghdr   u32 len | u16 type | u16 flags | u32 seq | u32 pid            (16 bytes, messages 4-aligned)
 *   ifinfomsg  u8 family | u8 pad | u16 type | i32 index | u32 flags | u32 change          (16 bytes)
 *   rtattr     u16 len | u16 type | payload                                 (attributes 4-aligned)
 *     IFLA_IFNAME (3) NUL-terminated   IFLA_MTU (4) u32
 *     IFLA_STATS (7) / IFLA_STATS64 (23): rx_packets tx_packets rx_bytes tx_bytes rx_errors tx_errors
 *                                         rx_dropped tx_dropped multicast collisions ...   (u32 / u64 each)
 *   NLMSG_DONE (3) ends the dump; NLMSG_ERROR (2) carries -errno.
 * </pre>
 */
final class RtnetlinkParser {
    static final int NLMSG_HDRLEN = 16;
    static final int IFINFOMSG_LEN = 16;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int RTM_NEWLINK = 16;
    static final int RTM_GETLINK = 18;
    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_DUMP = 0x300;
    static final int NLM_F_DUMP_INTR = 0x10;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_MTU = 4;
    static final int IFLA_STATS = 7;
    static final int IFLA_STATS64 = 23;
    /** Strips NLA_F_NESTED and NLA_F_NET_BYTEORDER from an attribute type. */
    static final int NLA_TYPE_MASK = 0x3FFF;
    /** The ten counters we read, in either struct. */
    static final int COUNTERS = 10;

    /** What one received buffer told: whether the dump ended, and whether the kernel flagged it inconsistent. */
    record Progress(boolean done, boolean interrupted) {
    }

    private RtnetlinkParser() {
    }

    /** The dump request: {@code RTM_GETLINK} with {@code NLM_F_REQUEST | NLM_F_DUMP}, family AF_UNSPEC. */
    static ByteBuffer request(int sequence) {
        ByteBuffer b = ByteBuffer.allocate(NLMSG_HDRLEN + IFINFOMSG_LEN).order(ByteOrder.nativeOrder());
        b.putInt(NLMSG_HDRLEN + IFINFOMSG_LEN).putShort((short) RTM_GETLINK)
                .putShort((short) (NLM_F_REQUEST | NLM_F_DUMP)).putInt(sequence).putInt(0);
        b.put(new byte[IFINFOMSG_LEN]);
        return b.flip();
    }

    /**
     * Adds every link of the messages in {@code b} (position to limit) with sequence {@code sequence} to
     * {@code links}, keyed by ifindex. Messages of another sequence (left over from an abandoned dump) are skipped.
     */
    static Progress parse(ByteBuffer b, int sequence, Map<Integer, LinkCounters> links) throws NetlinkException {
        b.order(ByteOrder.nativeOrder());
        boolean interrupted = false;
        int at = b.position();
        int end = b.limit();
        while (end - at >= NLMSG_HDRLEN) {
            int len = b.getInt(at);
            int type = Short.toUnsignedInt(b.getShort(at + 4));
            int flags = Short.toUnsignedInt(b.getShort(at + 6));
            int seq = b.getInt(at + 8);
            if (len < NLMSG_HDRLEN || len > end - at) {
                throw new NetlinkException("rtnetlink: message of " + len + " bytes with " + (end - at) + " left");
            }
            interrupted |= (flags & NLM_F_DUMP_INTR) != 0;
            if (seq == sequence) {
                if (type == NLMSG_DONE) {
                    return new Progress(true, interrupted);
                } else if (type == NLMSG_ERROR) {
                    int errno = len >= NLMSG_HDRLEN + 4 ? -b.getInt(at + NLMSG_HDRLEN) : 0;
                    throw new NetlinkException("rtnetlink: RTM_GETLINK dump failed: errno " + errno);
                } else if (type == RTM_NEWLINK && len >= NLMSG_HDRLEN + IFINFOMSG_LEN) {
                    LinkCounters link = link(b, at + NLMSG_HDRLEN, at + len);
                    links.put(link.index(), link);
                }
            }
            at += align(len);
        }
        return new Progress(false, interrupted);
    }

    private static LinkCounters link(ByteBuffer b, int from, int end) throws NetlinkException {
        int index = b.getInt(from + 4);
        int flags = b.getInt(from + 8);
        String name = "";
        int mtu = 0;
        long[] counters = new long[COUNTERS];
        boolean have64 = false;
        int at = from + IFINFOMSG_LEN;
        while (end - at >= 4) {
            int len = Short.toUnsignedInt(b.getShort(at));
            int type = Short.toUnsignedInt(b.getShort(at + 2)) & NLA_TYPE_MASK;
            if (len < 4 || len > end - at) {
                throw new NetlinkException("rtnetlink: attribute " + type + " of link " + index + " has length "
                        + len + " with " + (end - at) + " left");
            }
            int payload = at + 4;
            int size = len - 4;
            if (type == IFLA_IFNAME) {
                name = cString(b, payload, size);
            } else if (type == IFLA_MTU && size >= 4) {
                mtu = b.getInt(payload);
            } else if (type == IFLA_STATS64 && size >= COUNTERS * 8) {
                for (int i = 0; i < COUNTERS; i++) {
                    counters[i] = b.getLong(payload + 8 * i);
                }
                have64 = true;
            } else if (type == IFLA_STATS && size >= COUNTERS * 4 && !have64) {
                for (int i = 0; i < COUNTERS; i++) {
                    counters[i] = Integer.toUnsignedLong(b.getInt(payload + 4 * i));
                }
            }
            at += align(len);
        }
        return new LinkCounters(index, name, flags, mtu, counters[0], counters[1], counters[2], counters[3],
                counters[4], counters[5], counters[6], counters[7], counters[8], counters[9]);
    }

    private static String cString(ByteBuffer b, int from, int size) {
        int n = 0;
        while (n < size && b.get(from + n) != 0) {
            n++;
        }
        byte[] bytes = new byte[n];
        b.get(from, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static int align(int len) {
        return (len + 3) & ~3;
    }
}
