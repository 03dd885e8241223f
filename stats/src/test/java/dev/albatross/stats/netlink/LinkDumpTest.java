package dev.albatross.stats.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The real dump of this namespace, checked against sysfs (no root needed: RTM_GETLINK is unprivileged). */
class LinkDumpTest {
    /** Attempts at a reading with no traffic between the two sysfs reads around the dump. */
    private static final int ATTEMPTS = 50;

    @Test
    void everyInterfaceMatchesSysfs() throws Exception {
        try (LinkDump dump = LinkDump.open()) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                Map<String, SysfsCounters> before = sysfs();
                Map<Integer, LinkCounters> links = dump.dump();
                Map<String, SysfsCounters> after = sysfs();
                if (!before.equals(after)) {
                    continue; // traffic between the reads (loopback is shared with the build): read again
                }
                assertEquals(before.size(), links.size());
                for (LinkCounters c : links.values()) {
                    assertEquals(SysfsCounters.ifIndex(c.name()), c.index(), c.name());
                    assertEquals(before.get(c.name()), SysfsCounters.of(c), c.name());
                }
                assertTrue(links.values().stream().anyMatch(c -> c.name().equals("lo")));
                return;
            }
            fail("no quiet moment on the interfaces in " + ATTEMPTS + " attempts");
        }
    }

    @Test
    void dumpsRepeatedlyOnOneSocket() throws Exception {
        try (LinkDump dump = LinkDump.open()) {
            for (int i = 0; i < 100; i++) {
                assertTrue(dump.dump().containsKey(1));
            }
        }
    }

    @Test
    void resolvesNamesLikeIfNameToIndex() throws IOException {
        assertEquals(OptionalInt.of(SysfsCounters.ifIndex("lo")), LinkDump.ifIndex("lo"));
        assertEquals(OptionalInt.empty(), LinkDump.ifIndex("nosuchtap9"));
        for (String bad : new String[] {"", ".", "..", "a/b", "a:b", "a b", "sixteen-chars-xx", "t\0p"}) {
            assertFalse(LinkDump.validName(bad), bad);
            assertEquals(OptionalInt.empty(), LinkDump.ifIndex(bad), bad);
        }
    }

    private static Map<String, SysfsCounters> sysfs() throws IOException {
        try (Stream<java.nio.file.Path> dirs = Files.list(SysfsCounters.SYS_CLASS_NET)) {
            return dirs.map(d -> d.getFileName().toString()).collect(java.util.stream.Collectors.toMap(n -> n, n -> {
                try {
                    return SysfsCounters.of(n);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
    }
}
