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

    /** A create (or restart) spawned its tender {@code latency} after the request arrived. */
    default void created(Name name, java.time.Duration latency) {
    }

    /** A command from a client was answered with {@code reply} (streams excluded). */
    default void answered(dev.albatross.protocol.wire.Command command, dev.albatross.protocol.wire.Payload reply) {
    }
}
