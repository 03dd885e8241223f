package dev.albatross.daemon.vmmd;

import dev.albatross.daemon.core.RestartPolicy;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.UnikernelConfig;
import dev.albatross.tender.process.ExitStatus;
import dev.albatross.tender.process.TenderProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A unikernel whose tender runs. Confined to the {@link Vmmd} thread: {@link #waiters} are the requests that
 * wait for this instance to exit (destroy, force-create, restart, shutdown) — when there is one, the exit is
 * theirs and no restart happens, so a destroy always wins.
 */
final class Running {
    final Prepared prepared;
    final TenderProcess process;
    final RestartPolicy.History history;
    final List<Consumer<ExitStatus>> waiters = new ArrayList<>();
    /** Told of the exit after its resources are freed, whether or not someone waits (a create's grace check). */
    final List<Consumer<ExitStatus>> exitListeners = new ArrayList<>();

    Running(Prepared prepared, TenderProcess process, RestartPolicy.History history) {
        this.prepared = prepared;
        this.process = process;
        this.history = history;
    }

    Name name() {
        return prepared.name();
    }

    UnikernelConfig config() {
        return prepared.config();
    }
}
