package dev.albatross.daemon.vmmd;

import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.StatsCmd;
import dev.albatross.tender.process.TenderProcess;
import java.util.List;

/** Told when a unikernel's tender starts and stops (statistics, metrics), on the vmmd thread: must not block. */
public interface UnikernelObserver {
    /** {@code network}: each interface's unikernel-side name and host tap, in configuration order. */
    void started(Name name, TenderProcess process, List<StatsCmd.Interface> network);

    void stopped(Name name);
}
