package dev.albatross.daemon.vmmd;

import dev.albatross.daemon.core.Resources;
import dev.albatross.daemon.core.RestartPolicy;
import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.name.Label;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.name.Path;
import dev.albatross.protocol.wire.BlockDevice;
import dev.albatross.protocol.wire.FailBehaviour;
import dev.albatross.protocol.wire.Failure;
import dev.albatross.protocol.wire.Info;
import dev.albatross.protocol.wire.NetIf;
import dev.albatross.protocol.wire.Payload;
import dev.albatross.protocol.wire.Success;
import dev.albatross.protocol.wire.UnikernelArguments;
import dev.albatross.protocol.wire.UnikernelCmd;
import dev.albatross.protocol.wire.UnikernelConfig;
import dev.albatross.tender.process.ExitStatus;
import dev.albatross.tender.process.TenderProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Unikernel commands (spec §7.3, §7.4, §7.8), run on the vmmd thread. */
final class UnikernelCommands {
    private static final Logger LOG = LoggerFactory.getLogger(UnikernelCommands.class);
    private static final Success CREATED = new Success.Message("created unikernel");

    private final Vmmd vmmd;

    UnikernelCommands(Vmmd vmmd) {
        this.vmmd = vmmd;
    }

    Response handle(Name name, UnikernelCmd cmd) {
        return switch (cmd.kind()) {
            case INFO -> Response.Finish.now(info(name, InfoFormat.CURRENT));
            case OLD_INFO5 -> Response.Finish.now(info(name, InfoFormat.V5));
            case OLD_INFO4 -> Response.Finish.now(info(name, InfoFormat.V4));
            case GET -> Response.Finish.now(get(name, ((UnikernelCmd.Get) cmd).level()));
            case CREATE -> new Response.Finish(create(name, ((UnikernelCmd.Create) cmd).config()));
            case FORCE_CREATE -> new Response.Finish(forceCreate(name, ((UnikernelCmd.ForceCreate) cmd).config()));
            case DESTROY -> new Response.Finish(destroy(name));
            case RESTART -> new Response.Finish(restart(name, ((UnikernelCmd.Restart) cmd).arguments()));
        };
    }

    // ---- create ----------------------------------------------------------------------------------------------

    private CompletableFuture<Payload> create(Name name, UnikernelConfig config) {
        if (vmmd.running.containsKey(name)) {
            return failed("Unikernel with same name is already running");
        }
        return start(name, config, true, vmmd.settings.startupGrace(), RestartPolicy.History.NONE);
    }

    /**
     * Starts {@code config} as {@code name} (spec §7.3): resource check, prepare, spawn, record. The reply comes
     * after {@code grace}, unless the tender fails at once (exit 1) within it, which is then the reply.
     */
    CompletableFuture<Payload> start(Name name, UnikernelConfig config, boolean dump, Duration grace,
            RestartPolicy.History history) {
        if (vmmd.running.containsKey(name)) {
            return failed("Unikernel with same name is already running");
        }
        long begin = System.nanoTime();
        Optional<String> refusal = vmmd.resources().checkUnikernel(name, config);
        if (refusal.isPresent()) {
            LOG.info("refused to create {}: {}", name, refusal.get());
            return failed(refusal.get());
        }
        // A create wins over a pending automatic restart of the same name.
        vmmd.cancelRestart(name);
        Prepared prepared;
        TenderProcess process;
        try {
            prepared = vmmd.launcher.prepare(name, config, vmmd.resources().consolesFor(name));
            process = vmmd.launcher.start(prepared);
        } catch (CreateFailure e) {
            LOG.error("failed to create {}: {}", name, e.getMessage());
            return failed(e.getMessage());
        }
        Resources.Outcome inserted = vmmd.resources().insertUnikernel(name, config);
        if (!(inserted instanceof Resources.Outcome.Done done)) {
            // Cannot happen after the check above on this single thread; never leave a stray tender.
            LOG.error("inserting {} failed after its check: {}", name, inserted);
            try {
                process.signal(9);
            } catch (java.io.IOException e) {
                LOG.error("SIGKILL of {} failed: {}", name, e.getMessage());
            }
            return failed("could not create unikernel");
        }
        vmmd.resources(done.resources());
        Running r = new Running(prepared, process, history);
        Duration latency = Duration.ofNanos(System.nanoTime() - begin);
        vmmd.watch(r);
        vmmd.observers.forEach(o -> o.created(name, latency));
        if (dump) {
            vmmd.dump();
        }
        LOG.info("created {} (PID {})", name, process.pid());
        return graceReply(r, grace);
    }

    private CompletableFuture<Payload> graceReply(Running r, Duration grace) {
        if (grace.isZero() || grace.isNegative()) {
            return CompletableFuture.completedFuture(CREATED);
        }
        CompletableFuture<Payload> reply = new CompletableFuture<>();
        // Runs on the vmmd thread once the exit's cleanup is done, so a Failure leaves nothing behind.
        r.exitListeners.add(status -> {
            if (status instanceof ExitStatus.Exited exited && exited.code() == 1) {
                reply.complete(new Failure("could not create unikernel: the tender failed at once (exit 1), "
                        + "see its console output"));
            } else {
                reply.complete(CREATED);
            }
        });
        vmmd.thread.schedule(() -> reply.complete(CREATED), grace.toNanos(), TimeUnit.NANOSECONDS);
        return reply;
    }

    void restoreOne(Name name, UnikernelConfig config) {
        start(name, config, false, Duration.ZERO, RestartPolicy.History.NONE).thenAccept(p -> {
            if (p instanceof Failure f) {
                LOG.error("could not restore {}: {}", name, f.message());
            }
        });
    }

    private CompletableFuture<Payload> forceCreate(Name name, UnikernelConfig config) {
        Running r = vmmd.running.get(name);
        Resources without = r == null ? vmmd.resources()
                : vmmd.resources().removeUnikernel(name).orElseThrow();
        Optional<String> refusal = without.checkUnikernel(name, config);
        if (refusal.isPresent()) {
            return failed(refusal.get());
        }
        if (r == null) {
            // Compat §13.2 #10, fixed: a pending restart is really cancelled (Albatross discards the result).
            vmmd.cancelRestart(name);
            return start(name, config, true, vmmd.settings.startupGrace(), RestartPolicy.History.NONE);
        }
        return replaceWhenStopped(r, config);
    }

    /** SIGTERM {@code r}, wait for its exit, then start {@code config} in its place (and persist). */
    private CompletableFuture<Payload> replaceWhenStopped(Running r, UnikernelConfig config) {
        CompletableFuture<Payload> reply = new CompletableFuture<>();
        vmmd.stop(r, status -> {
            LOG.info("{} exited with {}, starting its replacement", r.name(), status.describe());
            start(r.name(), config, true, vmmd.settings.startupGrace(), RestartPolicy.History.NONE)
                    .whenComplete((p, e) -> reply.complete(p != null ? p : new Failure("could not create unikernel")));
        });
        return reply;
    }

    // ---- destroy, restart --------------------------------------------------------------------------------------

    private CompletableFuture<Payload> destroy(Name name) {
        Running r = vmmd.running.get(name);
        if (r != null) {
            CompletableFuture<Payload> reply = new CompletableFuture<>();
            vmmd.stop(r, status -> {
                LOG.info("{} exited with {}", name, status.describe());
                vmmd.dump();
                reply.complete(new Success.Message("destroyed unikernel"));
            });
            return reply;
        }
        if (vmmd.cancelRestart(name)) {
            vmmd.dump();
            return CompletableFuture.completedFuture(new Success.Message("destroyed: removed from restarting"));
        }
        return failed("destroy: not found");
    }

    private CompletableFuture<Payload> restart(Name name, Optional<UnikernelArguments> arguments) {
        Running r = vmmd.running.get(name);
        if (r == null) {
            // As Albatross: a restart of a stopped name behaves like a destroy of it, without persisting.
            if (vmmd.cancelRestart(name)) {
                return CompletableFuture.completedFuture(new Success.Message("destroyed: removed from restarting"));
            }
            return failed("destroy: not found");
        }
        UnikernelConfig config = arguments.map(a -> r.config().with(a)).orElse(r.config());
        // Compat §13.2 #11, fixed: the new configuration is what must fit, not the old one.
        Optional<String> refusal = vmmd.resources().removeUnikernel(name).orElseThrow().checkUnikernel(name, config);
        if (refusal.isPresent()) {
            return failed(refusal.get());
        }
        try {
            vmmd.launcher.checkImage(vmmd.launcher.image(config), config);
        } catch (CreateFailure e) {
            return failed(e.getMessage());
        }
        return replaceWhenStopped(r, config);
    }

    /**
     * A tender exited and nobody waited for it (spec §7.4): restart it, without {@code --name=} after an exit 64,
     * after a back-off for crash loops, or leave it stopped and persist that.
     */
    void afterUnwaitedExit(Running r, ExitStatus status) {
        UnikernelConfig config = r.config();
        boolean watched = config.failBehaviour().kind() == FailBehaviour.Kind.RESTART || config.addName();
        if (!watched) {
            vmmd.dump();
            return;
        }
        RestartPolicy.Exit exit = status instanceof ExitStatus.Exited e ? RestartPolicy.Exit.code(e.code())
                : RestartPolicy.Exit.signal();
        RestartPolicy.Decision decision = vmmd.restartPolicy.decide(config, exit, r.history,
                r.process.startTime(), vmmd.clock.instant());
        if (decision instanceof RestartPolicy.Decision.RestartWithoutName) {
            LOG.info("{} exited 64: starting it again without --name", r.name());
            start(r.name(), config.toBuilder().addName(false).build(), true, Duration.ZERO,
                    RestartPolicy.History.NONE).thenAccept(p -> logRestart(r.name(), p));
        } else if (decision instanceof RestartPolicy.Decision.Restart restart) {
            if (restart.delay().isZero()) {
                LOG.info("restarting {}", r.name());
                start(r.name(), config, false, Duration.ZERO, restart.history())
                        .thenAccept(p -> logRestart(r.name(), p));
            } else {
                LOG.warn("{} exited {} times in a row within {}: restarting it in {}", r.name(),
                        restart.history().quickExits(), vmmd.settings.backoff().quickRun(), restart.delay());
                scheduleRestart(r.name(), config, restart);
            }
        } else {
            vmmd.dump();
        }
    }

    private void scheduleRestart(Name name, UnikernelConfig config, RestartPolicy.Decision.Restart restart) {
        var timer = vmmd.thread.schedule(() -> {
            Vmmd.PendingRestart pending = vmmd.restarting.remove(name);
            if (pending != null && !vmmd.shuttingDown) {
                LOG.info("restarting {} after back-off", name);
                start(name, pending.config(), false, Duration.ZERO, pending.history())
                        .thenAccept(p -> logRestart(name, p));
            }
        }, restart.delay().toMillis(), TimeUnit.MILLISECONDS);
        vmmd.restarting.put(name, new Vmmd.PendingRestart(config, restart.history(), timer));
    }

    private static void logRestart(Name name, Payload p) {
        if (p instanceof Failure f) {
            LOG.error("restart of {} failed: {}", name, f.message());
        }
    }

    // ---- info, get -----------------------------------------------------------------------------------------

    enum InfoFormat { V4, V5, CURRENT }

    /** Info of one unikernel (a name) or of all below a path, names relative to it (spec §7.8). */
    private Payload info(Name name, InfoFormat format) {
        List<Success.InfoEntry> entries = new ArrayList<>();
        if (name.label().isPresent()) {
            Running r = vmmd.running.get(name);
            if (r != null) {
                entries.add(new Success.InfoEntry(name, info(r)));
            }
        } else {
            vmmd.resources().unikernels().listReplyOrder(name.path()).forEach(e -> {
                Running r = vmmd.running.get(absolute(name.path(), e.name()));
                if (r != null) {
                    entries.add(new Success.InfoEntry(e.name(), info(r)));
                }
            });
        }
        if (format != InfoFormat.CURRENT) {
            // Compat §13.2 #9, fixed: Albatross raises while encoding; we answer with a Failure.
            for (Success.InfoEntry e : entries) {
                if (e.info().cpuids().size() != 1) {
                    return new Failure("unikernel " + e.name().text() + " uses several CPUs, which the old info "
                            + "format cannot show; use a current client");
                }
            }
        }
        return switch (format) {
            case V4 -> new Success.OldUnikernelInfo4(entries);
            case V5 -> new Success.OldUnikernelInfo5(entries);
            case CURRENT -> new Success.UnikernelInfo(entries);
        };
    }

    /** {@code relative} (as the trie fold gives it) under {@code prefix}. */
    static Name absolute(Path prefix, Name relative) {
        List<Label> labels = new ArrayList<>(prefix.labels());
        labels.addAll(relative.path().labels());
        return new Name(new Path(labels), relative.label());
    }

    private Info info(Running r) {
        UnikernelConfig c = r.config();
        List<Info.Block> blocks = new ArrayList<>();
        for (BlockDevice b : c.blocks()) {
            // Albatross looks the size up under the relative name (0 below a path); we use the full name.
            int size = Resources.blockName(r.name(), b.hostDevice()).flatMap(vmmd.resources().blocks()::find)
                    .map(s -> s.sizeMb()).orElse(0);
            blocks.add(new Info.Block(b.name(), b.hostDevice(), b.sectorSize().orElse(512), size));
        }
        List<Info.Bridge> bridges = new ArrayList<>();
        for (int i = 0; i < c.bridges().size(); i++) {
            NetIf n = c.bridges().get(i);
            bridges.add(new Info.Bridge(n.netif(), n.hostBridge(), r.prepared.macs().get(i)));
        }
        return new Info(c.typ(), c.startup(), c.failBehaviour(), c.cpuids(), c.memoryMb(), r.prepared.digest(),
                blocks, bridges, c.arguments(), Optional.of(r.process.startTime()), OptionalInt.of(c.effectiveCpus()),
                c.linuxBootPartition());
    }

    /** The image of a running unikernel, (un)compressed as asked (spec §7.8). */
    private Payload get(Name name, int level) {
        Optional<UnikernelConfig> found = vmmd.resources().unikernels().find(name);
        if (found.isEmpty() || name.label().isEmpty()) {
            return new Failure("get: no unikernel found");
        }
        UnikernelConfig c = found.get();
        Bytes image = c.image();
        if (c.compressed()) {
            if (level > 0) {
                return new Success.UnikernelImage(true, image);
            }
            try {
                return new Success.UnikernelImage(false, vmmd.launcher.image(c));
            } catch (CreateFailure e) {
                return new Failure(e.getMessage());
            }
        }
        return level == 0 ? new Success.UnikernelImage(false, image)
                : new Success.UnikernelImage(true, Images.deflate(image, level));
    }

    private static CompletableFuture<Payload> failed(String message) {
        return CompletableFuture.completedFuture(new Failure(message));
    }
}
