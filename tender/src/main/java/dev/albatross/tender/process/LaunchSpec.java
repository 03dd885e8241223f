package dev.albatross.tender.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Everything needed to start one unikernel's tender (spec §7.7), as plain values.
 *
 * @param name        the unikernel's textual name (":hello", "foo:bar"), used in messages and logs only
 * @param tender      absolute path of the solo5-hvt executable (see {@link TenderLocator})
 * @param memoryMb    guest memory in MB, {@code --mem}
 * @param nets        network interfaces in config order
 * @param blocks      block devices in config order
 * @param image       the unikernel image file ({@code <tmpdir>/<name>.img})
 * @param guestArgs   the guest's arguments, already including any {@code --name=<label>}
 * @param cpuIds      CPUs to pin the tender to, ascending and distinct; empty means no pinning
 * @param consoleFifo the fifo receiving stdout and stderr; its read end must already be open
 */
public record LaunchSpec(String name, Path tender, int memoryMb, List<Net> nets, List<Block> blocks, Path image,
                         List<String> guestArgs, List<Integer> cpuIds, Path consoleFifo) {
    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");

    /** A network interface: the unikernel-side name, the host tap and the MAC, lowercase "aa:bb:cc:dd:ee:ff". */
    public record Net(String netif, String tap, String mac) {
        public Net {
            requireText(netif, "netif");
            requireText(tap, "tap");
            Objects.requireNonNull(mac, "mac");
            if (!MAC.matcher(mac).matches()) {
                throw new IllegalArgumentException("mac must be lowercase aa:bb:cc:dd:ee:ff: " + mac);
            }
        }
    }

    /** A block device: the unikernel-side name, the backing file and an optional sector size in bytes. */
    public record Block(String name, Path file, OptionalInt sectorSize) {
        public Block {
            requireText(name, "block name");
            requirePath(file, "block file");
            Objects.requireNonNull(sectorSize, "sectorSize");
        }
    }

    public LaunchSpec {
        requireText(name, "name");
        requirePath(tender, "tender");
        if (!tender.isAbsolute()) {
            throw new IllegalArgumentException("tender path must be absolute: " + tender);
        }
        if (memoryMb < 1) {
            throw new IllegalArgumentException("memoryMb must be positive: " + memoryMb);
        }
        nets = List.copyOf(nets);
        blocks = List.copyOf(blocks);
        requirePath(image, "image");
        guestArgs = List.copyOf(guestArgs);
        guestArgs.forEach(arg -> requireNoNul(arg, "guest argument"));
        cpuIds = List.copyOf(cpuIds);
        for (int i = 0; i < cpuIds.size(); i++) {
            if (cpuIds.get(i) < 0 || (i > 0 && cpuIds.get(i) <= cpuIds.get(i - 1))) {
                throw new IllegalArgumentException("cpuIds must be ascending, distinct and >= 0: " + cpuIds);
            }
        }
        requirePath(consoleFifo, "consoleFifo");
    }

    private static void requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        requireNoNul(value, what);
    }

    private static void requireNoNul(String value, String what) {
        // Each argument becomes a C string in the tender's argv.
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " must not contain NUL");
        }
    }

    private static void requirePath(Path value, String what) {
        Objects.requireNonNull(value, what);
        requireNoNul(value.toString(), what);
    }
}
