package dev.albatross.stats.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Messages built field by field as the kernel lays them out (host byte order), then parsed. */
class RtnetlinkParserTest {
    private static final int SEQ = 7;

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
    }

    /** nlmsghdr { len, type, flags, seq, pid = 0 } + payload, padded to 4. */
    static byte[] message(int type, int flags, int seq, byte[] payload) {
        int len = 16 + payload.length;
        ByteBuffer b = le(RtnetlinkParser.align(len));
        b.putInt(len).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0).put(payload);
        return b.array();
    }

    /** rtattr { len, type } + payload, padded to 4. */
    static byte[] attr(int type, byte[] payload) {
        ByteBuffer b = le(RtnetlinkParser.align(4 + payload.length));
        b.putShort((short) (4 + payload.length)).putShort((short) type).put(payload);
        return b.array();
    }

    /** ifinfomsg { family 0, pad, type 1 (ether), index, flags, change 0 } + attributes. */
    static byte[] link(int index, int flags, byte[]... attrs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer head = le(16).put((byte) 0).put((byte) 0).putShort((short) 1).putInt(index).putInt(flags).putInt(0);
        out.writeBytes(head.array());
        for (byte[] a : attrs) {
            out.writeBytes(a);
        }
        return out.toByteArray();
    }

    static byte[] name(String n) {
        return attr(RtnetlinkParser.IFLA_IFNAME, (n + "\0").getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] u32(int type, int v) {
        return attr(type, le(4).putInt(v).array());
    }

    /** rx_packets tx_packets rx_bytes tx_bytes rx_errors tx_errors rx_dropped tx_dropped multicast collisions, +14. */
    static byte[] stats64(long... first10) {
        ByteBuffer b = le(24 * 8);
        for (long v : first10) {
            b.putLong(v);
        }
        return attr(RtnetlinkParser.IFLA_STATS64, b.array());
    }

    static byte[] stats32(int... first10) {
        ByteBuffer b = le(24 * 4);
        for (int v : first10) {
            b.putInt(v);
        }
        return attr(RtnetlinkParser.IFLA_STATS, b.array());
    }

    static ByteBuffer concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return ByteBuffer.wrap(out.toByteArray());
    }

    @Test
    void readsNameFlagsMtuAnd64BitCounters() throws NetlinkException {
        byte[] tap = message(RtnetlinkParser.RTM_NEWLINK, 2, SEQ, link(12, 0x1043, name("tap0"),
                u32(RtnetlinkParser.IFLA_MTU, 1500), stats32(9, 9, 9, 9, 9, 9, 9, 9, 9, 9),
                stats64(10, 20, 1000, 2000, 1, 2, 3, 4, 5, 6)));
        Map<Integer, LinkCounters> links = new HashMap<>();
        RtnetlinkParser.Progress p = RtnetlinkParser.parse(concat(tap), SEQ, links);
        assertFalse(p.done());
        assertEquals(Map.of(12, new LinkCounters(12, "tap0", 0x1043, 1500, 10, 20, 1000, 2000, 1, 2, 3, 4, 5, 6)),
                links);
    }

    @Test
    void fallsBackTo32BitCountersAsUnsigned() throws NetlinkException {
        byte[] m = message(RtnetlinkParser.RTM_NEWLINK, 2, SEQ, link(3, 1, name("old"),
                stats32(-1, 2, 3, 4, 5, 6, 7, 8, 9, 10)));
        Map<Integer, LinkCounters> links = new HashMap<>();
        RtnetlinkParser.parse(concat(m), SEQ, links);
        assertEquals(0xFFFF_FFFFL, links.get(3).rxPackets());
        assertEquals(10, links.get(3).collisions());
    }

    @Test
    void endsAtDoneAndNotesAnInterruptedDump() throws NetlinkException {
        byte[] a = message(RtnetlinkParser.RTM_NEWLINK, 2 | RtnetlinkParser.NLM_F_DUMP_INTR, SEQ, link(1, 0,
                name("lo")));
        byte[] done = message(RtnetlinkParser.NLMSG_DONE, 2, SEQ, le(4).putInt(0).array());
        Map<Integer, LinkCounters> links = new HashMap<>();
        RtnetlinkParser.Progress p = RtnetlinkParser.parse(concat(a, done), SEQ, links);
        assertTrue(p.done());
        assertTrue(p.interrupted());
        assertEquals("lo", links.get(1).name());
    }

    @Test
    void skipsAnswersToAnEarlierDump() throws NetlinkException {
        byte[] stale = message(RtnetlinkParser.RTM_NEWLINK, 2, SEQ - 1, link(5, 0, name("old")));
        byte[] staleDone = message(RtnetlinkParser.NLMSG_DONE, 2, SEQ - 1, le(4).array());
        Map<Integer, LinkCounters> links = new HashMap<>();
        assertFalse(RtnetlinkParser.parse(concat(stale, staleDone), SEQ, links).done());
        assertTrue(links.isEmpty());
    }

    @Test
    void reportsAnErrorMessage() {
        byte[] error = message(RtnetlinkParser.NLMSG_ERROR, 0, SEQ, le(4).putInt(-1).array());
        NetlinkException e = assertThrows(NetlinkException.class,
                () -> RtnetlinkParser.parse(concat(error), SEQ, new HashMap<>()));
        assertTrue(e.getMessage().contains("errno 1"), e.getMessage());
    }

    @Test
    void refusesLengthsBeyondTheBuffer() {
        byte[] m = message(RtnetlinkParser.RTM_NEWLINK, 2, SEQ, link(1, 0, name("lo")));
        ByteBuffer.wrap(m).order(ByteOrder.nativeOrder()).putInt(0, m.length + 4);
        assertThrows(NetlinkException.class, () -> RtnetlinkParser.parse(concat(m), SEQ, new HashMap<>()));
        byte[] badAttr = message(RtnetlinkParser.RTM_NEWLINK, 2, SEQ, link(1, 0, attr(99, new byte[8])));
        ByteBuffer.wrap(badAttr).order(ByteOrder.nativeOrder()).putShort(32, (short) 200);
        assertThrows(NetlinkException.class, () -> RtnetlinkParser.parse(concat(badAttr), SEQ, new HashMap<>()));
    }

    @Test
    void buildsTheDumpRequest() {
        ByteBuffer r = RtnetlinkParser.request(42).order(ByteOrder.nativeOrder());
        assertEquals(32, r.remaining());
        assertEquals(32, r.getInt(0));
        assertEquals(RtnetlinkParser.RTM_GETLINK, r.getShort(4));
        assertEquals(0x301, r.getShort(6));
        assertEquals(42, r.getInt(8));
    }
}
