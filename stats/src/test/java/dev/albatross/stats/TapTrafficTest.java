package dev.albatross.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.Data;
import dev.albatross.protocol.wire.IfData;
import dev.albatross.protocol.wire.StatsCmd;
import dev.albatross.stats.netlink.SysfsCounters;
import dev.albatross.stats.procfs.IdleProcess;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real packets over a real veth pair into a namespace of its own: the counters in {@code Stats_data} equal what
 * {@code /sys/class/net/<if>/statistics} says, direction by direction.
 */
class TapTrafficTest {
    private static final int DATAGRAMS = 25;
    private static final int PAYLOAD = 200;
    /** Attempts at a round with no packet between the sysfs reads around it (ARP may refresh meanwhile). */
    private static final int ATTEMPTS = 50;

    private NetnsVeth veth;
    private IdleProcess tender;
    private StatsCollector collector;

    @BeforeEach
    void setUp() throws Exception {
        NetnsVeth.assumeRootWithIp();
        veth = NetnsVeth.create();
        tender = IdleProcess.start();
        collector = new StatsCollector(StatsConfig.DEFAULTS, Gatherer.open(StatsConfig.DEFAULTS), List.of(),
                StatsCollectorTest.CLOCK);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (collector != null) {
            collector.close();
        }
        if (tender != null) {
            tender.close();
        }
        if (veth != null) {
            veth.close();
            assertFalse(NetnsVeth.exists(veth.host), "veth " + veth.host + " left behind");
            assertFalse(veth.namespaceExists(), "namespace " + veth.namespace + " left behind");
        }
    }

    @Test
    void countersOfRealTrafficMatchSysfs() throws Exception {
        sendDatagramsAndAwaitTheIcmpAnswer();
        collector.add(Name.parse("tenant:web"), tender.pid(), List.of(new StatsCmd.Interface("service", veth.host)));
        collector.handle(StatsCollectorTest.subscribe("tenant:"), new RecordingSink());

        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            SysfsCounters before = SysfsCounters.of(veth.host);
            Data.Statistics s = collector.collect().samples().get(0).statistics();
            SysfsCounters after = SysfsCounters.of(veth.host);
            if (!before.equals(after)) {
                continue;
            }
            assertEquals(1, s.ifdata().size());
            IfData i = s.ifdata().get(0);
            assertEquals("service", i.bridge());
            assertEquals(before.mtu(), i.mtu());
            assertEquals(before.flags(), i.flags() & ~SysfsCounters.LINK_STATE_FLAGS);
            assertEquals(0x41, i.flags() & 0x41, "IFF_UP and IFF_RUNNING on a veth with its peer up");
            // Input is the host's receive side: what came from the "unikernel" end.
            assertEquals(before.rxPackets(), i.inputPackets());
            assertEquals(before.rxBytes(), i.inputBytes());
            assertEquals(before.rxErrors(), i.inputErrors());
            assertEquals(before.rxDropped(), i.inputDropped());
            assertEquals(before.multicast(), i.inputMcast());
            assertEquals(before.txPackets(), i.outputPackets());
            assertEquals(before.txBytes(), i.outputBytes());
            assertEquals(before.txErrors(), i.outputErrors());
            assertEquals(before.txDropped(), i.outputDropped());
            assertEquals(before.collisions(), i.collisions());
            assertEquals(List.of(0, 0, 0, 0L, 0L), List.of(i.sendLength(), i.maxSendLength(), i.sendDrops(),
                    i.baudrate(), i.outputMcast()));

            // Real traffic went both ways: our datagrams out, ARP and ICMP back.
            assertTrue(i.outputPackets() >= DATAGRAMS, "tx packets " + i.outputPackets());
            assertTrue(i.outputBytes() >= (long) DATAGRAMS * (PAYLOAD + 42), "tx bytes " + i.outputBytes());
            assertTrue(i.inputPackets() >= 2, "rx packets " + i.inputPackets());
            // A veth pair: what one end sends, the other receives.
            assertEquals(i.outputPackets(), veth.peerCounter("rx_packets"));
            assertEquals(i.inputPackets(), veth.peerCounter("tx_packets"));
            return;
        }
        fail("no quiet moment on " + veth.host + " in " + ATTEMPTS + " attempts");
    }

    @Test
    void aTapThatDisappearsLeavesTheOthers() throws Exception {
        collector.add(Name.parse(":web"), tender.pid(), List.of(new StatsCmd.Interface("service", veth.host),
                new StatsCmd.Interface("local", "lo")));
        collector.handle(StatsCollectorTest.subscribe(":"), new RecordingSink());
        assertEquals(List.of("local", "service"), netifs());
        veth.close();
        assertEquals(List.of("local"), netifs());
    }

    private List<String> netifs() {
        return collector.collect().samples().get(0).statistics().ifdata().stream().map(IfData::bridge).toList();
    }

    /**
     * Sends datagrams to a port nobody listens on in the namespace; its ICMP "port unreachable" comes back, which
     * the connected socket reports (on a later send, or on a receive): then both directions have carried traffic.
     */
    private void sendDatagramsAndAwaitTheIcmpAnswer() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(veth.hostAddress, 0))) {
            socket.connect(new InetSocketAddress(veth.peerAddress, 9));
            socket.setSoTimeout(10_000);
            byte[] payload = new byte[PAYLOAD];
            boolean answered = false;
            for (int sent = 0; sent < DATAGRAMS; ) {
                try {
                    socket.send(new DatagramPacket(payload, payload.length));
                    sent++;
                } catch (PortUnreachableException e) {
                    answered = true; // the pending ICMP error is reported instead of sending this datagram
                }
            }
            if (!answered) {
                assertThrows(PortUnreachableException.class,
                        () -> socket.receive(new DatagramPacket(new byte[16], 16)));
            }
        }
    }
}
