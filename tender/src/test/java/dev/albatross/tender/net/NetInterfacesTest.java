package dev.albatross.tender.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a sysfs-shaped directory; needs no privileges. */
final class NetInterfacesTest {
    @TempDir
    Path sysfs;

    @Test
    void bridgesAreTheInterfacesWithABridgeDirectory() throws IOException {
        Files.createDirectories(sysfs.resolve("br1").resolve("bridge"));
        Files.createDirectories(sysfs.resolve("br0").resolve("bridge"));
        Files.createDirectories(sysfs.resolve("eth0"));
        NetInterfaces interfaces = new NetInterfaces(sysfs);

        assertEquals(List.of("br0", "br1"), interfaces.bridges());
        assertEquals(Set.of("br0", "br1", "eth0"), interfaces.names());
        assertTrue(interfaces.isBridge("br0"));
        assertFalse(interfaces.isBridge("eth0"));
        assertFalse(interfaces.isBridge("missing"));
    }

    @Test
    void listsInterfacesWithAPrefixInOrder() throws IOException {
        for (String name : List.of("vmmtap10", "vmmtap2", "eth0", "vmm")) {
            Files.createDirectories(sysfs.resolve(name));
        }

        assertEquals(List.of("vmmtap10", "vmmtap2"), new NetInterfaces(sysfs).withPrefix("vmmtap"));
    }

    @Test
    void tunTapDevicesHaveTunFlags() throws IOException {
        Files.createDirectories(sysfs.resolve("vmmtap0"));
        Files.writeString(sysfs.resolve("vmmtap0").resolve("tun_flags"), "0x1002\n");
        Files.createDirectories(sysfs.resolve("eth0"));
        NetInterfaces interfaces = new NetInterfaces(sysfs);

        assertTrue(interfaces.isTunTap("vmmtap0"));
        assertFalse(interfaces.isTunTap("eth0"));
    }

    @Test
    void namesOutsideTheKernelRulesNeverBecomePaths() throws IOException {
        // A bridge directory reachable through "..": a tenant's bridge name must not find it.
        Path inner = Files.createDirectories(sysfs.resolve("net"));
        Files.createDirectories(sysfs.resolve("bridge"));
        NetInterfaces interfaces = new NetInterfaces(inner);

        assertFalse(interfaces.isBridge(".."));
        assertFalse(interfaces.exists(".."));
        assertFalse(interfaces.isBridge("a/../.."));
    }

    @Test
    void validNamesFollowTheKernel() {
        assertTrue(NetInterfaces.isValidName("br0"));
        assertTrue(NetInterfaces.isValidName("a234567890abcde"));
        assertFalse(NetInterfaces.isValidName("a234567890abcdef"), "16 bytes");
        assertFalse(NetInterfaces.isValidName(""));
        assertFalse(NetInterfaces.isValidName("."));
        assertFalse(NetInterfaces.isValidName(".."));
        assertFalse(NetInterfaces.isValidName("a/b"));
        assertFalse(NetInterfaces.isValidName("a:b"));
        assertFalse(NetInterfaces.isValidName("a b"));
        assertFalse(NetInterfaces.isValidName("a\tb"));
        assertFalse(NetInterfaces.isValidName("a\0b"));
        assertFalse(NetInterfaces.isValidName("ééééééééé"), "18 bytes in UTF-8");
    }

    @Test
    void indexOfAnInvalidNameIsAClearError() {
        IOException e = assertThrows(IOException.class, () -> new NetInterfaces(sysfs).index("a/b"));

        assertEquals("looking up interface a/b: invalid interface name", e.getMessage());
    }
}
