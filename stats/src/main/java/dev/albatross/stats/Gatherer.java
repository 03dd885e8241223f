package dev.albatross.stats;

import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.VmmStat;
import dev.albatross.stats.netlink.LinkCounters;
import dev.albatross.stats.netlink.LinkDump;
import dev.albatross.stats.netlink.NetlinkException;
import dev.albatross.stats.procfs.AuxVector;
import dev.albatross.stats.procfs.KvmDebugfs;
import dev.albatross.stats.procfs.ProcessFigures;
import dev.albatross.stats.procfs.ProcessGoneException;
import dev.albatross.stats.procfs.ProcFs;
import dev.albatross.stats.procfs.ProcfsException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one round: each source once (one netlink dump for all taps, one listing of KVM's debugfs), then three
 * procfs files and one stat per unikernel. Owned by the collector thread.
 */
final class Gatherer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gatherer.class);

    private final ProcFs procFs;
    private final Optional<LinkDump> links;
    private final Optional<KvmDebugfs> kvm;
    private boolean linkFailureLogged;

    Gatherer(ProcFs procFs, Optional<LinkDump> links, Optional<KvmDebugfs> kvm) {
        this.procFs = procFs;
        this.links = links;
        this.kvm = kvm;
    }

    /**
     * Opens the sources {@code config} asks for. Without a netlink socket (e.g. {@code AF_NETLINK} forbidden by a
     * service sandbox) rounds go on without interface counters, as Albatross skips interfaces it cannot read.
     */
    static Gatherer open(StatsConfig config) throws IOException {
        ProcFs procFs = new ProcFs(config.procRoot(), AuxVector.self().clockTicks());
        Optional<LinkDump> links;
        try {
            links = Optional.of(LinkDump.open());
        } catch (NetlinkException e) {
            LOG.error("statistics: no interface counters: {}", e.getMessage());
            links = Optional.empty();
        }
        Optional<KvmDebugfs> kvm = config.gatherKvm() ? Optional.of(new KvmDebugfs(config.kvmRoot()))
                : Optional.empty();
        return new Gatherer(procFs, links, kvm);
    }

    /**
     * What a round read: the samples, the registrations to keep with what they learnt (the start time of a first
     * reading), and the names to drop because their process is gone or unreadable.
     */
    record Gathered(List<Sample> samples, List<Registration> learnt, List<Name> gone) {
    }

    Gathered gather(List<Registration> targets) {
        Map<Integer, LinkCounters> counters = targets.stream().anyMatch(r -> !r.links().isEmpty())
                ? linkCounters() : Map.of();
        Map<Integer, Path> vms = targets.isEmpty() ? Map.of() : kvm.map(KvmDebugfs::vms).orElse(Map.of());
        List<Sample> samples = new ArrayList<>(targets.size());
        List<Registration> learnt = new ArrayList<>();
        List<Name> gone = new ArrayList<>();
        for (Registration r : targets) {
            ProcessFigures figures;
            try {
                figures = procFs.read(r.pid());
                if (r.startTimeTicks().isPresent() && r.startTimeTicks().getAsLong() != figures.startTimeTicks()) {
                    throw new ProcessGoneException("pid " + r.pid() + " now names another process");
                }
            } catch (ProcessGoneException e) {
                LOG.info("statistics of {}: {}; dropping it", r.name(), e.getMessage());
                gone.add(r.name());
                continue;
            } catch (ProcfsException e) {
                // Albatross drops a registration whose rusage it cannot read, whatever the reason.
                LOG.error("statistics of {} (pid {}): {}; dropping it", r.name(), r.pid(), e.getMessage());
                gone.add(r.name());
                continue;
            }
            if (r.startTimeTicks().isEmpty()) {
                learnt.add(r.withStartTimeTicks(figures.startTimeTicks()));
            }
            Optional<List<VmmStat>> vmm = Optional.ofNullable(vms.get(r.pid())).flatMap(d -> kvm.get().read(d));
            samples.add(new Sample(r.name(), StatisticsMapping.statistics(figures, r.links(), counters, vmm)));
        }
        return new Gathered(samples, learnt, gone);
    }

    private Map<Integer, LinkCounters> linkCounters() {
        if (links.isEmpty()) {
            return Map.of();
        }
        try {
            Map<Integer, LinkCounters> counters = links.get().dump();
            linkFailureLogged = false;
            return counters;
        } catch (NetlinkException e) {
            // Albatross skips each interface it cannot read; the samples go out without interface counters.
            if (!linkFailureLogged) {
                LOG.error("statistics: reading interface counters failed: {}", e.getMessage());
                linkFailureLogged = true;
            }
            return Map.of();
        }
    }

    @Override
    public void close() {
        links.ifPresent(LinkDump::close);
    }
}
