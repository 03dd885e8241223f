package dev.albatross.stats.procfs;

import dev.albatross.protocol.wire.VmmStat;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * KVM's per-VM counters in debugfs: {@code <root>/<pid>-<fd>/<counter>}, one unsigned decimal per file (e.g.
 * {@code remote_tlb_flush}, {@code mmu_shadow_zapped}), for the optional {@code vmm} list of {@code Stats_data}.
 *
 * <p>Albatross gathers VMM counters only on FreeBSD (bhyve); on Linux its list is always absent. We fill it only
 * when enabled and when debugfs is mounted and readable (root only, by default): per-VM directories exist for
 * every KVM process, so listing the root once per round finds them all. Per-vCPU subdirectories are skipped.
 */
public final class KvmDebugfs {
    public static final Path DEFAULT_ROOT = Path.of("/sys/kernel/debug/kvm");
    /** Linux 6.x has about 40 per-VM counters; more than this means the layout is not what we expect. */
    static final int MAX_COUNTERS = 256;

    private final Path root;

    public KvmDebugfs(Path root) {
        this.root = root;
    }

    /**
     * The VM directory of each pid, listed once per round; empty if debugfs is absent or unreadable. A process
     * with several VMs (not solo5-hvt) gets its lowest file descriptor's.
     */
    public Map<Integer, Path> vms() {
        Map<Integer, Path> found = new HashMap<>();
        Map<Integer, Integer> fds = new HashMap<>();
        if (!Files.isDirectory(root)) {
            return found;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                int dash = name.indexOf('-');
                if (dash <= 0) {
                    continue;
                }
                try {
                    int pid = Integer.parseInt(name.substring(0, dash));
                    int fd = Integer.parseInt(name.substring(dash + 1));
                    if (fd < fds.getOrDefault(pid, Integer.MAX_VALUE)) {
                        fds.put(pid, fd);
                        found.put(pid, dir);
                    }
                } catch (NumberFormatException e) {
                    continue; // not a VM directory (the root also holds global counters as plain files)
                }
            }
        } catch (IOException e) {
            return Map.of(); // not readable by us: the vmm list stays absent, as on Albatross's Linux
        }
        return found;
    }

    /** The counters of one VM, sorted by name; empty if the directory went away or held none. */
    public Optional<List<VmmStat>> read(Path vmDir) {
        List<VmmStat> stats = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(vmDir, Files::isRegularFile)) {
            for (Path file : files) {
                if (stats.size() == MAX_COUNTERS) {
                    break;
                }
                String text = Files.readString(file).trim();
                try {
                    stats.add(new VmmStat(file.getFileName().toString(), Long.parseUnsignedLong(text)));
                } catch (NumberFormatException e) {
                    continue; // a file that is not one counter (e.g. a histogram): not part of the list
                }
            }
        } catch (IOException e) {
            return Optional.empty(); // the VM ended between listing and reading
        }
        stats.sort(Comparator.comparing(VmmStat::key));
        return stats.isEmpty() ? Optional.empty() : Optional.of(stats);
    }
}
