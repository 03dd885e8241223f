package dev.albatross.tender.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TenderCommandLineTest {
    private static final Path TENDER = Path.of("/usr/local/sbin/solo5-hvt");
    private static final Path FIFO = Path.of("/run/albatross/fifo/:hello");

    @Test
    void matchesTheExampleOfSpecSection77WithoutTaskset() {
        LaunchSpec spec = new LaunchSpec(":hello", TENDER, 32,
                List.of(new LaunchSpec.Net("service", "vmmtap0", "00:80:41:ae:fd:7e")), List.of(),
                Path.of("/run/albatross/:hello.img"), List.of("--name=hello"), List.of(0), FIFO);
        assertEquals(List.of("/usr/local/sbin/solo5-hvt", "--mem=32", "--net:service=vmmtap0",
                "--net-mac:service=00:80:41:ae:fd:7e", "--", "/run/albatross/:hello.img", "--name=hello"),
                TenderCommandLine.argv(spec));
    }

    @Test
    void groupsNetsThenMacsThenBlocksThenSectorSizesEachInConfigOrder() {
        LaunchSpec spec = new LaunchSpec("foo:bar", TENDER, 64,
                List.of(new LaunchSpec.Net("service", "vmmtap3", "02:00:00:00:00:01"),
                        new LaunchSpec.Net("mgmt", "vmmtap1", "02:00:00:00:00:02")),
                List.of(new LaunchSpec.Block("storage", Path.of("/var/lib/albatross/block/foo:disk"),
                                OptionalInt.of(4096)),
                        new LaunchSpec.Block("data", Path.of("/var/lib/albatross/block/foo:data"), OptionalInt.empty()),
                        new LaunchSpec.Block("logs", Path.of("/var/lib/albatross/block/foo:logs"), OptionalInt.of(512))),
                Path.of("/run/albatross/foo:bar.img"), List.of("--name=bar", "-l", "*:debug", "a b"),
                List.of(1, 3), FIFO);
        assertEquals(List.of("/usr/local/sbin/solo5-hvt", "--mem=64",
                "--net:service=vmmtap3", "--net:mgmt=vmmtap1",
                "--net-mac:service=02:00:00:00:00:01", "--net-mac:mgmt=02:00:00:00:00:02",
                "--block:storage=/var/lib/albatross/block/foo:disk", "--block:data=/var/lib/albatross/block/foo:data",
                "--block:logs=/var/lib/albatross/block/foo:logs",
                "--block-sector-size:storage=4096", "--block-sector-size:logs=512",
                "--", "/run/albatross/foo:bar.img", "--name=bar", "-l", "*:debug", "a b"),
                TenderCommandLine.argv(spec));
    }

    @Test
    void theLogFormKeepsGuestArgumentsOut() {
        LaunchSpec spec = new LaunchSpec(":a", TENDER, 16, List.of(), List.of(), Path.of("/run/albatross/:a.img"),
                List.of("--name=a", "--password=secret"), List.of(), FIFO);
        assertEquals("/usr/local/sbin/solo5-hvt --mem=16 -- /run/albatross/:a.img <2 guest argument(s) elided>",
                TenderCommandLine.forLog(spec));
    }

    @Test
    void refusesSpecsThatCannotBecomeAnArgv() {
        Path image = Path.of("/run/albatross/:a.img");
        assertThrows(IllegalArgumentException.class, () -> new LaunchSpec(":a", Path.of("solo5-hvt"), 16, List.of(),
                List.of(), image, List.of(), List.of(), FIFO));
        assertThrows(IllegalArgumentException.class, () -> new LaunchSpec(":a", TENDER, 0, List.of(),
                List.of(), image, List.of(), List.of(), FIFO));
        assertThrows(IllegalArgumentException.class, () -> new LaunchSpec(":a", TENDER, 16, List.of(),
                List.of(), image, List.of("a\0b"), List.of(), FIFO));
        assertThrows(IllegalArgumentException.class, () -> new LaunchSpec(":a", TENDER, 16, List.of(),
                List.of(), image, List.of(), List.of(1, 0), FIFO));
        assertThrows(IllegalArgumentException.class, () -> new LaunchSpec.Net("service", "tap0", "00:80:41:AE:FD:7E"));
        assertThrows(IllegalArgumentException.class, () -> new LaunchSpec.Net("service", "tap0", "00:80:41:ae:fd"));
    }
}
