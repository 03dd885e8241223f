package dev.albatross.daemon.vmmd;

import dev.albatross.console.fifo.FifoReader;
import dev.albatross.daemon.core.Resources;
import dev.albatross.daemon.core.RestartPolicy;
import dev.albatross.daemon.store.StateWriter;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.state.StateFile;
import dev.albatross.protocol.wire.BlockCmd;
import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.Failure;
import dev.albatross.protocol.wire.PolicyCmd;
import dev.albatross.protocol.wire.StatsCmd;
import dev.albatross.protocol.wire.UnikernelCmd;
import dev.albatross.protocol.wire.UnikernelConfig;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.tender.block.BlockStore;
import dev.albatross.tender.net.NetInterfaces;
import dev.albatross.tender.net.TapDevices;
import dev.albatross.tender.process.ExitStatus;
import dev.albatross.tender.process.TenderLocator;
import dev.albatross.tender.process.TenderSupervisor;
import dev.albatross.tender.process.TenderProcess;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single owner of albatrossd's state (Albatross's global lock, Firecracker's VMM thread): resources, running
 * unikernels, pending restarts. Everything that changes them runs on one thread, {@code vmmd}; connection
 * handlers {@link #submit} a command and get a future {@link Response}. Readers (metrics, info) use the
 * immutable {@link #resources()} snapshot.
 */
public final class Vmmd implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Vmmd.class);

    /** Tunables; see each field. */
    /**
     * @param startupGrace  how long a create waits to see its tender fail at once (exit 1) before answering
     * @param killAfter     how long a SIGTERMed tender may take before SIGKILL (the real one exits in ~1.5 ms)
     * @param backoff       restart back-off for crash loops
     * @param dropPath      {@code --name=} gets the label only (Albatross's default; {@code --no-drop-path})
     * @param maxImageBytes the largest uncompressed image accepted
     */
    public record Settings(Duration startupGrace, Duration killAfter, RestartPolicy.Backoff backoff,
            boolean dropPath, int maxImageBytes) {
        public static final Settings DEFAULT = new Settings(Duration.ofMillis(5), Duration.ofSeconds(10),
                RestartPolicy.Backoff.DEFAULT, true, 256 * 1024 * 1024);
    }

    final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vmmd");
        t.setDaemon(true);
        return t;
    });
    final UnikernelLauncher launcher;
    final StateWriter stateWriter;
    final InstantSource clock;
    final Settings settings;
    final RestartPolicy restartPolicy;
    final List<UnikernelObserver> observers = new ArrayList<>();

    // Confined to the vmmd thread, except `resources`, which is published for readers.
    private volatile Resources resources;
    final Map<Name, Running> running = new HashMap<>();
    final Map<Name, PendingRestart> restarting = new HashMap<>();
    boolean shuttingDown;

    private final UnikernelCommands unikernelCommands;
    private final PolicyCommands policyCommands;
    private final BlockCommands blockCommands;

    /** A restart waiting for its back-off delay; a destroy cancels it. */
    record PendingRestart(UnikernelConfig config, RestartPolicy.History history, ScheduledFuture<?> timer) {
    }

    /** The daemon's state owner over the given effects; {@code initial}: resources restored at start. */
    public Vmmd(Resources initial, DaemonPaths paths, TenderLocator locator, NetInterfaces interfaces,
            TapDevices taps, BlockStore blockStore, TenderSupervisor supervisor, FifoReader consoles,
            StateWriter stateWriter, InstantSource clock, Settings settings) {
        this.resources = Objects.requireNonNull(initial, "initial");
        this.launcher = new UnikernelLauncher(paths, locator, interfaces, taps, blockStore, supervisor, consoles,
                new UnikernelLauncher.Options(settings.dropPath(), settings.maxImageBytes()));
        this.stateWriter = stateWriter;
        this.clock = clock;
        this.settings = settings;
        this.restartPolicy = new RestartPolicy(settings.backoff());
        this.unikernelCommands = new UnikernelCommands(this);
        this.policyCommands = new PolicyCommands(this);
        this.blockCommands = new BlockCommands(this, blockStore);
    }

    /** The current resources (an immutable snapshot). */
    public Resources resources() {
        return resources;
    }

    void resources(Resources updated) {
        resources = updated;
    }

    /** Registers an observer of unikernels starting and stopping (statistics, metrics). Before serving. */
    public void observe(UnikernelObserver observer) {
        observers.add(observer);
    }

    /** Handles one command from a client; the response completes on the vmmd thread. */
    public CompletableFuture<Response> submit(Wire request) {
        CompletableFuture<Response> result = new CompletableFuture<>();
        thread.execute(() -> {
            try {
                Response response = handle(request);
                if (request.payload() instanceof Command cmd && !observers.isEmpty()) {
                    reportAnswer(cmd, response);
                }
                result.complete(response);
            } catch (RuntimeException e) {
                LOG.error("error while processing {}: {}", request.header().name(), e.toString(), e);
                result.complete(Response.Finish.now(new Failure("internal error")));
            }
        });
        return result;
    }

    private void reportAnswer(Command cmd, Response response) {
        CompletableFuture<dev.albatross.protocol.wire.Payload> reply = response instanceof Response.Finish f ? f.reply()
                : response instanceof Response.Continue c ? CompletableFuture.completedFuture(c.reply()) : null;
        if (reply != null) {
            reply.thenAccept(p -> observers.forEach(o -> o.answered(cmd, p)));
        }
    }

    private Response handle(Wire request) {
        Name name = request.header().name();
        if (!(request.payload() instanceof Command cmd)) {
            LOG.error("ignoring a {} message from a client", request.payload().payloadKind());
            return Response.Finish.now(new Failure("unknown command"));
        }
        return switch (cmd.commandKind()) {
            case UNIKERNEL -> unikernelCommands.handle(name, (UnikernelCmd) cmd);
            case POLICY -> policyCommands.handle(name, (PolicyCmd) cmd);
            case BLOCK -> blockCommands.handle(name, (BlockCmd) cmd);
            case STATS -> statsCommand(name, (StatsCmd) cmd);
            case CONSOLE -> {
                LOG.error("ignoring console command for {} on vmmd.sock", name);
                yield Response.Finish.now(new Failure("unknown command"));
            }
        };
    }

    private Response statsCommand(Name name, StatsCmd cmd) {
        // Our statistics run in this process; an external albatross-stats is not supported (yet).
        LOG.error("ignoring statistics command {} for {} on vmmd.sock", cmd.kind(), name);
        return Response.Finish.now(new Failure("unknown command"));
    }

    // ---- state file ------------------------------------------------------------------------------------------

    /** The state to persist: every running unikernel's configuration and every policy, in trie pre-order. */
    StateFile snapshot() {
        List<StateFile.NamedUnikernel> unikernels = new ArrayList<>();
        resources.unikernels().all().forEach(e -> unikernels.add(new StateFile.NamedUnikernel(e.name(), e.value())));
        List<StateFile.NamedPolicy> policies = new ArrayList<>();
        resources.policies().all().forEach(e -> policies.add(new StateFile.NamedPolicy(e.name(), e.value())));
        return StateFile.current(unikernels, policies);
    }

    /** Persists the current state (spec §7.10), written off this thread, coalesced. */
    void dump() {
        if (shuttingDown) {
            return;
        }
        stateWriter.submit(snapshot());
    }

    // ---- lifecycle of a running unikernel ---------------------------------------------------------------------

    /** Starts watching a freshly spawned tender. */
    void watch(Running r) {
        running.put(r.name(), r);
        List<StatsCmd.Interface> network = new ArrayList<>();
        for (int i = 0; i < r.prepared.taps().size(); i++) {
            network.add(new StatsCmd.Interface(r.config().bridges().get(i).netif(), r.prepared.taps().get(i).name()));
        }
        for (UnikernelObserver o : observers) {
            o.started(r.name(), r.process, network);
        }
        r.process.exit().whenComplete((status, error) -> thread.execute(() -> exited(r, status, error)));
    }

    /** A tender ended: free what it held, then hand its exit to whoever waits, or decide about a restart. */
    private void exited(Running r, ExitStatus status, Throwable error) {
        if (running.get(r.name()) != r) {
            return;
        }
        if (error != null) {
            // Supervision stopped (daemon closing) or waiting failed: Albatross treats a waitpid error as exit 23.
            LOG.warn("lost track of unikernel {} (PID {}): {}", r.name(), r.process.pid(), error.toString());
            status = new ExitStatus.Exited(23);
        }
        LOG.info("unikernel {} (PID {}) stopped with {}", r.name(), r.process.pid(), status.describe());
        launcher.release(r.prepared);
        running.remove(r.name());
        Resources.Outcome removed = resources.removeUnikernel(r.name());
        if (removed instanceof Resources.Outcome.Done done) {
            resources(done.resources());
        } else {
            LOG.warn("{} while removing unikernel {} from resources", removed, r.name());
        }
        for (UnikernelObserver o : observers) {
            o.stopped(r.name());
        }
        for (var listener : r.exitListeners) {
            listener.accept(status);
        }
        if (!r.waiters.isEmpty()) {
            for (var waiter : r.waiters) {
                waiter.accept(status);
            }
            return;
        }
        if (shuttingDown) {
            return;
        }
        unikernelCommands.afterUnwaitedExit(r, status);
    }

    /** Asks a running tender to stop; {@code onExit} runs (on this thread) once it has. SIGKILL after a while. */
    void stop(Running r, java.util.function.Consumer<ExitStatus> onExit) {
        r.waiters.add(onExit);
        try {
            r.process.terminate();
        } catch (java.io.IOException e) {
            LOG.warn("kill of {} failed: {}", r.name(), e.getMessage());
        }
        TenderProcess process = r.process;
        thread.schedule(() -> {
            if (running.get(r.name()) == r) {
                LOG.warn("unikernel {} (PID {}) ignored SIGTERM for {}, sending SIGKILL", r.name(), process.pid(),
                        settings.killAfter());
                try {
                    process.signal(9);
                } catch (java.io.IOException e) {
                    LOG.error("SIGKILL of {} failed: {}", r.name(), e.getMessage());
                }
            }
        }, settings.killAfter().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Cancels a pending restart of {@code name}; true if there was one. */
    boolean cancelRestart(Name name) {
        PendingRestart pending = restarting.remove(name);
        if (pending == null) {
            return false;
        }
        pending.timer().cancel(false);
        return true;
    }

    // ---- start and shutdown --------------------------------------------------------------------------------

    /**
     * Starts the unikernels of a restored state file, by start priority (lower first, absent = 50; ties in
     * trie order), one after the other (spec §7.1 step 7). Failures are logged and skipped.
     */
    public CompletableFuture<Void> restore(List<StateFile.NamedUnikernel> unikernels) {
        List<StateFile.NamedUnikernel> ordered = new ArrayList<>(unikernels);
        ordered.sort((a, b) -> Integer.compare(a.config().effectiveStartup(), b.config().effectiveStartup()));
        return CompletableFuture.runAsync(() -> {
            for (StateFile.NamedUnikernel u : ordered) {
                unikernelCommands.restoreOne(u.name(), u.config());
            }
            dump();
        }, thread);
    }

    /**
     * SIGTERM (spec §7.9): no more restarts, every tender asked to stop, wait until all have exited (their taps
     * and files freed). The state file is not rewritten, so they all come back at the next start.
     */
    public CompletableFuture<Void> shutdown() {
        CompletableFuture<Void> all = new CompletableFuture<>();
        thread.execute(() -> {
            shuttingDown = true;
            for (Name name : new ArrayList<>(restarting.keySet())) {
                cancelRestart(name);
            }
            List<CompletableFuture<Void>> exits = new ArrayList<>();
            for (Running r : new ArrayList<>(running.values())) {
                CompletableFuture<Void> exit = new CompletableFuture<>();
                exits.add(exit);
                stop(r, status -> exit.complete(null));
            }
            CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> {
                stateWriter.flush();
                all.complete(null);
            });
        });
        return all;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
