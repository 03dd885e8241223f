package dev.albatross.daemon.host;

import dev.albatross.protocol.wire.Policy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The root policy Albatross discovers from the host at every start (spec §6.5): unlimited unikernels
 * (max_int), CPU ids {@code 0 … online−1}, physical memory in MB, the size in MB of the filesystem holding the
 * block directory, and every bridge that exists.
 */
public final class HostPolicy {
    /** OCaml's max_int, Albatross's "no limit" on unikernels. */
    public static final long MAX_INT = (1L << 62) - 1;

    private HostPolicy() {
    }

    /** The root policy of this host. */
    public static Policy discover(Path blockDir, List<String> bridges) throws IOException {
        int cpus = onlineCpus(Files.readString(Path.of("/sys/devices/system/cpu/online")).trim());
        List<Integer> ids = new ArrayList<>(cpus);
        for (int i = 0; i < cpus; i++) {
            ids.add(i);
        }
        int memoryMb = memoryMb(Files.readAllLines(Path.of("/proc/meminfo")));
        long blockMb = Files.getFileStore(blockDir).getTotalSpace() / (1024 * 1024);
        return new Policy(MAX_INT, ids, memoryMb, OptionalInt.of((int) Math.min(blockMb, Integer.MAX_VALUE)),
                bridges);
    }

    /**
     * How many CPUs are online, from the kernel's list such as {@code 0-3,6}: Albatross counts them
     * ({@code sysconf(_SC_NPROCESSORS_ONLN)}) and hands out ids {@code 0 … count−1}.
     */
    static int onlineCpus(String list) {
        int count = 0;
        for (String part : list.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int dash = part.indexOf('-');
            if (dash < 0) {
                count++;
            } else {
                count += Integer.parseInt(part.substring(dash + 1).trim()) - Integer.parseInt(part.substring(0, dash)
                        .trim()) + 1;
            }
        }
        return count;
    }

    /** MemTotal in MB, rounded down ({@code _SC_PHYS_PAGES × page size / 2^20}, as Albatross computes it). */
    static int memoryMb(List<String> meminfo) {
        for (String line : meminfo) {
            if (line.startsWith("MemTotal:")) {
                String kb = line.substring("MemTotal:".length()).replace("kB", "").trim();
                return (int) (Long.parseLong(kb) / 1024);
            }
        }
        throw new IllegalStateException("no MemTotal in /proc/meminfo");
    }
}
