package dev.albatross.tender.process;

import java.util.ArrayList;
import java.util.List;

/**
 * The tender's argv, exactly as Albatross builds it (spec §7.7) minus the {@code taskset -c} prefix, which
 * {@link TenderSupervisor} replaces by setting the CPU affinity of the spawning thread.
 *
 * <pre>
 * tender --mem=N  --net:NETIF=TAP...  --net-mac:NETIF=MAC...  --block:NAME=PATH...
 *        --block-sector-size:NAME=N...  --  IMAGE  GUEST-ARGS...
 * </pre>
 * All {@code --net} first, then all {@code --net-mac}, then {@code --block}, then {@code --block-sector-size}, each
 * in spec order.
 */
public final class TenderCommandLine {
    private TenderCommandLine() {
    }

    public static List<String> argv(LaunchSpec spec) {
        List<String> argv = tenderPart(spec);
        argv.addAll(spec.guestArgs());
        return List.copyOf(argv);
    }

    /**
     * The command line for logs: guest arguments may carry secrets (Albatross #92), so only their count is shown.
     */
    public static String forLog(LaunchSpec spec) {
        List<String> argv = tenderPart(spec);
        if (!spec.guestArgs().isEmpty()) {
            argv.add("<" + spec.guestArgs().size() + " guest argument(s) elided>");
        }
        return String.join(" ", argv);
    }

    private static List<String> tenderPart(LaunchSpec spec) {
        List<String> argv = new ArrayList<>();
        argv.add(spec.tender().toString());
        argv.add("--mem=" + spec.memoryMb());
        for (LaunchSpec.Net net : spec.nets()) {
            argv.add("--net:" + net.netif() + "=" + net.tap());
        }
        for (LaunchSpec.Net net : spec.nets()) {
            argv.add("--net-mac:" + net.netif() + "=" + net.mac());
        }
        for (LaunchSpec.Block block : spec.blocks()) {
            argv.add("--block:" + block.name() + "=" + block.file());
        }
        for (LaunchSpec.Block block : spec.blocks()) {
            block.sectorSize().ifPresent(size -> argv.add("--block-sector-size:" + block.name() + "=" + size));
        }
        argv.add("--");
        argv.add(spec.image().toString());
        return argv;
    }
}
