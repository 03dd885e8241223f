package dev.albatross.tender.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.tender.jna.NetLibC;
import dev.albatross.tender.jna.NetTun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Real taps and bridges: runs as root with /dev/net/tun, otherwise is skipped with the reason. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class TapDevicesTest {
    // One prefix for the whole class (letters only, so never ending in a digit); bridges are unique per test.
    private final String prefix = HostInterfaces.uniqueName("jt").substring(0, 7);
    private final NetInterfaces interfaces = new NetInterfaces();
    private final TapDevices taps = new TapDevices(prefix, interfaces);
    private final Set<String> everyFixture = new HashSet<>();
    private HostInterfaces host;

    @BeforeEach
    void requireInterfaces() throws IOException {
        HostInterfaces.assumeCanManageInterfaces();
        host = new HostInterfaces();
    }

    @AfterEach
    void removeTestInterfaces() throws IOException {
        if (host == null) {
            return;
        }
        for (String name : interfaces.withPrefix(prefix)) {
            HostInterfaces.deleteIfPresent(name);
        }
        everyFixture.addAll(host.created());
        host.close();
    }

    @AfterAll
    void noTestInterfaceRemains() throws IOException {
        assertEquals(List.of(), interfaces.withPrefix(prefix), "taps left behind");
        Set<String> left = new HashSet<>(everyFixture);
        left.retainAll(interfaces.names());
        assertEquals(Set.of(), left, "test bridges left behind");
    }

    @Test
    void createsATapThatIsUpAndAPortOfTheBridge() throws IOException {
        String bridge = host.newBridge();

        TapDevice tap = taps.create(bridge);

        assertEquals(prefix + "0", tap.name());
        assertEquals(bridge, tap.bridge());
        assertTrue(HostInterfaces.exists(tap.name()));
        assertTrue(interfaces.isTunTap(tap.name()));
        assertTrue(HostInterfaces.isUp(tap.name()), "tap is up");
        assertEquals(Optional.of(bridge), HostInterfaces.master(tap.name()));
        assertEquals(HostInterfaces.ifIndex(tap.name()), tap.ifIndex());
        assertEquals(tap.ifIndex(), interfaces.index(tap.name()));
    }

    @Test
    void twoTapsGetDifferentNames() throws IOException {
        String bridge = host.newBridge();

        TapDevice first = taps.create(bridge);
        TapDevice second = taps.create(bridge);

        assertNotEquals(first.name(), second.name());
        assertEquals(List.of(prefix + "0", prefix + "1"), taps.leftovers());
        assertEquals(Optional.of(bridge), HostInterfaces.master(second.name()));
    }

    @Test
    void concurrentCreatesGetDistinctNames() throws Exception {
        String bridge = host.newBridge();
        int count = 8;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Set<String> names = new HashSet<>();
        try {
            List<Future<TapDevice>> created = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                created.add(pool.submit(() -> taps.create(bridge)));
            }
            for (Future<TapDevice> tap : created) {
                names.add(tap.get(1, TimeUnit.MINUTES).name());
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(count, names.size(), names.toString());
        for (String name : names) {
            assertEquals(Optional.of(bridge), HostInterfaces.master(name));
        }
    }

    @Test
    void reusesTheSmallestFreedName() throws IOException {
        String bridge = host.newBridge();
        TapDevice first = taps.create(bridge);
        taps.create(bridge);

        taps.destroy(first.name());

        assertEquals(prefix + "0", taps.create(bridge).name());
    }

    @Test
    void refusesAMissingBridgeAndLeavesNoTap() throws IOException {
        String missing = HostInterfaces.uniqueName("jbr");

        TapException e = assertThrows(TapException.class, () -> taps.create(missing));

        assertEquals("creating tap on bridge " + missing + ": no such bridge", e.getMessage());
        assertEquals(List.of(), interfaces.withPrefix(prefix));
    }

    @Test
    void refusesAnInterfaceThatIsNotABridge() throws IOException {
        String notABridge = HostInterfaces.uniqueName("jbr");
        host.newForeignTap(notABridge);

        TapException e = assertThrows(TapException.class, () -> taps.create(notABridge));

        assertEquals("creating tap on bridge " + notABridge + ": no such bridge", e.getMessage());
        assertEquals(List.of(), interfaces.withPrefix(prefix));
    }

    @Test
    void refusesABridgeNameThatIsNoInterfaceName() {
        TapException e = assertThrows(TapException.class, () -> taps.create("../../etc"));

        assertEquals("creating tap on bridge ../../etc: invalid interface name", e.getMessage());
    }

    @Test
    void skipsAnExistingInterfaceWithTheNextName() throws IOException {
        String bridge = host.newBridge();
        host.newForeignTap(prefix + "0");

        TapDevice tap = taps.create(bridge);

        assertEquals(prefix + "1", tap.name());
        assertEquals(Optional.empty(), HostInterfaces.master(prefix + "0"), "foreign tap left alone");
        assertFalse(HostInterfaces.isUp(prefix + "0"), "foreign tap left alone");
    }

    @Test
    void neverTakesOverAnInterfaceThatAppearedAfterTheScan() throws IOException {
        String bridge = host.newBridge();
        host.newForeignTap(prefix + "0");

        // A stale scan that misses prefix0: only IFF_TUN_EXCL keeps us from attaching to the foreign tap.
        TapDevice tap = taps.create(bridge, Set.of());

        assertEquals(prefix + "1", tap.name());
        assertEquals(Optional.empty(), HostInterfaces.master(prefix + "0"));
        assertFalse(HostInterfaces.isUp(prefix + "0"));
    }

    @Test
    void aFailedAttachRemovesTheNewTap(@TempDir Path fakeSysfs) throws IOException {
        // The fake sysfs claims a plain tap is a bridge, so SIOCBRADDIF really fails after the tap was created.
        String notABridge = HostInterfaces.uniqueName("jbr");
        host.newForeignTap(notABridge);
        Files.createDirectories(fakeSysfs.resolve(notABridge).resolve("bridge"));
        for (int n = 0; n < 4; n++) {
            Files.createSymbolicLink(fakeSysfs.resolve(prefix + n), HostInterfaces.SYS_CLASS_NET.resolve(prefix + n));
        }
        TapDevices lied = new TapDevices(prefix, new NetInterfaces(fakeSysfs));

        TapException e = assertThrows(TapException.class, () -> lied.create(notABridge, Set.of()));

        assertTrue(e.getMessage().startsWith("creating tap " + prefix + "0 on bridge " + notABridge
                + ": attaching to bridge: "), e.getMessage());
        assertEquals(0, e.getSuppressed().length, "undo succeeded");
        assertEquals(List.of(), interfaces.withPrefix(prefix));
    }

    @Test
    void destroyRemovesTheTap() throws IOException {
        String bridge = host.newBridge();
        TapDevice tap = taps.create(bridge);

        taps.destroy(tap.name());

        assertFalse(HostInterfaces.exists(tap.name()));
        assertTrue(HostInterfaces.exists(bridge), "the bridge stays");
    }

    @Test
    void destroyFailsWhileAProcessHoldsTheTapAndWorksAfterwards() throws IOException {
        String bridge = host.newBridge();
        TapDevice tap = taps.create(bridge);
        TapException e;
        try (NetTun tender = NetTun.open()) {
            tender.bind(tap.name(), NetLibC.IFF_TAP | NetLibC.IFF_NO_PI);

            e = assertThrows(TapException.class, () -> taps.destroy(tap.name()));
        }

        assertEquals("destroying tap " + tap.name() + ": Device or resource busy (still held open by a process)",
                e.getMessage());
        taps.destroy(tap.name());
        assertFalse(HostInterfaces.exists(tap.name()));
    }

    @Test
    void destroyRefusesWhatIsNotATap() throws IOException {
        String bridge = host.newBridge();

        TapException e = assertThrows(TapException.class, () -> taps.destroy(bridge));

        assertEquals("destroying tap " + bridge + ": no such tap device", e.getMessage());
        assertTrue(HostInterfaces.exists(bridge));
    }

    @Test
    void destroyOfAMissingTapFails() {
        TapException e = assertThrows(TapException.class, () -> taps.destroy(prefix + "9"));

        assertEquals("destroying tap " + prefix + "9: no such tap device", e.getMessage());
        assertFalse(HostInterfaces.exists(prefix + "9"), "destroy never creates");
    }

    @Test
    void leftoversAreTheTapsWithThePrefixOnly() throws IOException {
        String bridge = host.newBridge();
        host.newForeignTap(prefix + "x");
        taps.create(bridge);
        taps.create(bridge);

        assertEquals(List.of(prefix + "0", prefix + "1"), taps.leftovers());
    }

    @Test
    void listsTheTestBridgeAmongAllBridges() throws IOException {
        String bridge = host.newBridge();
        String notABridge = HostInterfaces.uniqueName("jbr");
        host.newForeignTap(notABridge);

        List<String> bridges = interfaces.bridges();

        assertTrue(bridges.contains(bridge), bridges.toString());
        assertFalse(bridges.contains(notABridge), bridges.toString());
        assertTrue(interfaces.isBridge(bridge));
    }
}
