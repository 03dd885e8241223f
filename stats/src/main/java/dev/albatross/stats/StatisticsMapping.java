package dev.albatross.stats;

import dev.albatross.protocol.wire.Data;
import dev.albatross.protocol.wire.IfData;
import dev.albatross.protocol.wire.VmmStat;
import dev.albatross.stats.netlink.LinkCounters;
import dev.albatross.stats.procfs.ProcessFigures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Albatross's Linux {@code Stats_data} (spec §9.1): rusage and kinfo_mem from procfs, no VMM counters unless we
 * read KVM's, and one ifdata per interface found, in the <em>reverse</em> of the {@code Stats_add} order (Albatross
 * folds the list onto an accumulator), each with {@code bridge} overwritten by the unikernel-side netif name.
 */
final class StatisticsMapping {
    private StatisticsMapping() {
    }

    static Data.Statistics statistics(ProcessFigures process, List<Link> links, Map<Integer, LinkCounters> counters,
            Optional<List<VmmStat>> vmm) {
        List<IfData> ifdata = new ArrayList<>(links.size());
        for (int i = links.size() - 1; i >= 0; i--) {
            Link link = links.get(i);
            LinkCounters c = counters.get(link.ifindex());
            if (c != null) {
                ifdata.add(ifData(c, link.netif()));
            }
        }
        return new Data.Statistics(process.rusage(), ifdata, vmm, Optional.of(process.kinfoMem()));
    }

    /**
     * libnl's view of a link as Albatross copies it: flags, mtu and the RX/TX counters; send_length,
     * max_send_length, send_drops, baudrate and output multicast are 0 on Linux. Input is the host's receive side
     * of the tap: what the unikernel sent.
     */
    static IfData ifData(LinkCounters c, String netif) {
        return new IfData(netif, c.flags(), 0, 0, 0, c.mtu(), 0, c.rxPackets(), c.rxErrors(), c.txPackets(),
                c.txErrors(), c.collisions(), c.rxBytes(), c.txBytes(), c.multicast(), 0, c.rxDropped(),
                c.txDropped());
    }
}
