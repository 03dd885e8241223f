package dev.albatross.daemon;

import dev.albatross.console.ConsoleLimits;
import dev.albatross.console.Consoles;
import dev.albatross.console.fifo.FifoReader;
import dev.albatross.daemon.core.Resources;
import dev.albatross.daemon.host.HostPolicy;
import dev.albatross.daemon.store.StateStore;
import dev.albatross.daemon.store.StateWriter;
import dev.albatross.daemon.unix.SystemdSockets;
import dev.albatross.daemon.unix.UnixServer;
import dev.albatross.daemon.unix.VmmdInitializer;
import dev.albatross.daemon.vmmd.DaemonPaths;
import dev.albatross.daemon.vmmd.UnikernelObserver;
import dev.albatross.daemon.vmmd.Vmmd;
import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.Payload;
import dev.albatross.protocol.wire.StatsCmd;
import dev.albatross.stats.RoundListener;
import dev.albatross.stats.StatsConfig;
import dev.albatross.stats.StatsService;
import dev.albatross.stats.metrics.DaemonMetrics;
import dev.albatross.stats.metrics.HostPort;
import dev.albatross.stats.metrics.InfluxConfig;
import dev.albatross.stats.metrics.InfluxPusher;
import dev.albatross.stats.metrics.PrometheusEndpoint;
import dev.albatross.stats.metrics.UnikernelMeters;
import dev.albatross.stats.procfs.AuxVector;
import dev.albatross.tender.process.TenderProcess;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.name.Path;
import dev.albatross.protocol.state.StateFile;
import dev.albatross.protocol.wire.Framing;
import dev.albatross.protocol.wire.Policy;
import dev.albatross.tender.block.BlockScan;
import dev.albatross.tender.block.BlockStore;
import dev.albatross.tender.net.NetInterfaces;
import dev.albatross.tender.net.TapDevices;
import dev.albatross.tender.process.TenderLocator;
import dev.albatross.tender.process.TenderSupervisor;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * albatrossd assembled (spec §7.1): block scan, root policy, state restore, the console and tender machinery,
 * the {@link Vmmd}, and the Unix-socket servers. One process serves what Albatross splits over albatrossd,
 * albatross-console and albatross-stats.
 */
public final class Albatrossd implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Albatrossd.class);

    /** What albatrossd is started with. */
    /**
     * @param metricsListen {@code ADDR:PORT} of the Prometheus scrape endpoint, off if empty
     * @param influx        {@code HOST[:PORT]} to push unikernel statistics to in albatross-influx's format
     */
    public record Config(DaemonPaths paths, Optional<Path> zvolPath, String tapPrefix, Vmmd.Settings settings,
            ConsoleLimits consoleLimits, int maxFrameBytes, Optional<SystemdSockets> systemd, InstantSource clock,
            StatsConfig stats, Optional<String> metricsListen, Optional<String> influx) {
        public static Config defaults(DaemonPaths paths) {
            return new Config(paths, Optional.empty(), TapDevices.DEFAULT_PREFIX, Vmmd.Settings.DEFAULT,
                    ConsoleLimits.defaults(), Framing.DEFAULT_MAX_FRAME_BYTES, Optional.empty(),
                    InstantSource.system(), StatsConfig.DEFAULTS, Optional.empty(), Optional.empty());
        }
    }

    /** The daemon refuses to start (a corrupt state file, a policy that no longer fits). */
    public static final class StartupException extends Exception {
        private static final long serialVersionUID = 1L;

        public StartupException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Config config;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<UnixServer> servers = new ArrayList<>();
    private Vmmd vmmd;
    private StateWriter stateWriter;

    private Albatrossd(Config config) {
        this.config = config;
    }

    public Vmmd vmmd() {
        return vmmd;
    }

    /** Starts the daemon; returns once it listens and has started the restored unikernels. */
    public static Albatrossd start(Config config) throws IOException, StartupException {
        Albatrossd d = new Albatrossd(config);
        try {
            d.startUp();
            return d;
        } catch (IOException | StartupException | RuntimeException e) {
            d.close();
            throw e;
        }
    }

    private void startUp() throws IOException, StartupException {
        DaemonPaths paths = config.paths();
        Files.createDirectories(paths.utilDir());
        Files.createDirectories(paths.fifoDir());
        Files.createDirectories(paths.dbdir());
        BlockStore blocks = BlockStore.open(paths.dbdir());
        NetInterfaces interfaces = new NetInterfaces();
        TapDevices taps = new TapDevices(config.tapPrefix(), interfaces);

        Resources initial = Resources.empty(config.zvolPath());
        initial = withBlocks(initial, blocks.scan());
        Policy root = HostPolicy.discover(blocks.directory(), interfaces.bridges());
        LOG.info("root policy: {}", root);

        StateStore store = new StateStore(paths.dbdir());
        Optional<StateFile> state;
        try {
            state = store.read();
        } catch (StateStore.CorruptStateException e) {
            throw new StartupException(e.getMessage() + "; keeping the file, fix or remove it", e);
        }
        if (state.isEmpty()) {
            LOG.warn("no state dump found, starting with no unikernels");
        } else {
            LOG.info("restored {} unikernels and {} policies", state.get().unikernels().size(),
                    state.get().policies().size());
            store.backupAtStart();
        }
        initial = withPolicies(initial.withRootPolicy(root), root, state.map(StateFile::policies).orElse(List.of()));
        cleanLeftoverTaps(taps);

        stateWriter = new StateWriter(store);
        resources.add(stateWriter);
        Consoles consoles = new Consoles(config.consoleLimits(), config.clock());
        FifoReader fifoReader = FifoReader.start(consoles, paths.fifoDir(), config.clock());
        resources.add(fifoReader);
        ExecutorService completions = Executors.newSingleThreadExecutor(r -> daemonThread(r, "tender-exits"));
        resources.add(completions::shutdownNow);
        TenderSupervisor supervisor = TenderSupervisor.start(config.clock(), completions);
        resources.add(supervisor);
        vmmd = new Vmmd(initial, paths, TenderLocator.fromEnvironment(paths.dbdir()), interfaces, taps, blocks,
                supervisor, fifoReader, stateWriter, config.clock(), config.settings());
        resources.add(vmmd);
        StatsService stats = startStatistics();

        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        resources.add(() -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly());
        ExecutorService blockIo = Executors.newCachedThreadPool(r -> daemonThread(r, "block-io"));
        resources.add(blockIo::shutdownNow);
        Optional<SystemdSockets> systemd = config.systemd();
        servers.add(UnixServer.listen(group, paths.vmmdSocket(), systemd.flatMap(s -> s.fd("vmmd")),
                new VmmdInitializer(vmmd, blockIo, config.maxFrameBytes())));
        servers.add(UnixServer.listen(group, paths.consoleSocket(), systemd.flatMap(s -> s.fd("console")),
                new dev.albatross.daemon.unix.ConsoleInitializer(consoles, fifoReader, config.maxFrameBytes())));
        servers.add(UnixServer.listen(group, paths.statSocket(), systemd.flatMap(s -> s.fd("stat")),
                new dev.albatross.daemon.unix.StatInitializer(stats, config.maxFrameBytes())));

        long restoreStart = System.nanoTime();
        List<StateFile.NamedUnikernel> restored = state.map(StateFile::unikernels).orElse(List.of());
        vmmd.restore(restored).join();
        LOG.info("albatrossd started; restoring {} unikernels took {} ms", restored.size(),
                (System.nanoTime() - restoreStart) / 1_000_000);
    }

    /**
     * The statistics service (spec §9), fed by the daemon's unikernel starts and exits, and the metrics export:
     * Prometheus scrape endpoint and Influx pusher when configured, the daemon's own metrics always.
     */
    private StatsService startStatistics() throws IOException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        resources.add(registry::close);
        List<RoundListener> listeners = new ArrayList<>();
        if (config.metricsListen().isPresent()) {
            listeners.add(new UnikernelMeters(registry, AuxVector.self().pageSizeBytes()));
            PrometheusEndpoint endpoint = PrometheusEndpoint.start(
                    HostPort.parse(config.metricsListen().get(), java.util.OptionalInt.empty()).resolve(), registry);
            resources.add(endpoint);
            LOG.info("metrics on http://{}/metrics", endpoint.address());
        }
        if (config.influx().isPresent()) {
            InfluxPusher pusher = InfluxPusher.start(InfluxConfig.of(config.influx().get())
                    .withName(Name.ROOT, !config.settings().dropPath()));
            resources.add(pusher);
            listeners.add(pusher);
        }
        StatsService stats = StatsService.start(config.stats(), config.clock(), listeners);
        resources.add(stats);
        DaemonMetrics metrics = new DaemonMetrics(registry);
        vmmd.observe(new StatisticsFeed(stats, metrics));
        return stats;
    }

    /** Tells the statistics and metrics what the daemon starts, stops and answers (on the vmmd thread). */
    private static final class StatisticsFeed implements UnikernelObserver {
        private final StatsService stats;
        private final DaemonMetrics metrics;
        private int live;

        StatisticsFeed(StatsService stats, DaemonMetrics metrics) {
            this.stats = stats;
            this.metrics = metrics;
        }

        @Override
        public void started(Name name, TenderProcess process, List<StatsCmd.Interface> network) {
            stats.add(name, process.pid(), network);
            metrics.liveUnikernels(++live);
        }

        @Override
        public void stopped(Name name) {
            stats.remove(name);
            metrics.liveUnikernels(--live);
        }

        @Override
        public void created(Name name, Duration latency) {
            metrics.unikernelCreated(latency);
        }

        @Override
        public void answered(Command command, Payload reply) {
            metrics.commandHandled(command, reply);
        }
    }

    private static Thread daemonThread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Block devices found on disk (spec §7.1 step 2); files whose names are not names are skipped. */
    private static Resources withBlocks(Resources r, BlockScan scan) {
        for (BlockScan.Skipped s : scan.skipped()) {
            LOG.warn("block directory: skipping {}: {}", s.fileName(), s.reason());
        }
        for (BlockScan.BlockFile b : scan.blocks()) {
            Optional<Name> name = Name.tryParse(b.name());
            if (name.isEmpty() || name.get().isPath()) {
                LOG.warn("block directory: skipping {}: not a block device name", b.name());
                continue;
            }
            r = r.withExistingBlock(name.get(), b.sizeMb());
        }
        return r;
    }

    /** The stored policies in pre-order (spec §7.1 step 4); the stored root policy is replaced by the host's. */
    private static Resources withPolicies(Resources r, Policy root, List<StateFile.NamedPolicy> policies)
            throws StartupException {
        for (StateFile.NamedPolicy p : policies) {
            Path path = p.name().path();
            if (path.isRoot()) {
                if (!p.policy().equals(root)) {
                    LOG.warn("replacing stored root policy {} with discovered {}", p.policy(), root);
                }
                continue;
            }
            Resources.Outcome outcome = r.restorePolicy(path, p.policy());
            if (outcome instanceof Resources.Outcome.Refused refused) {
                throw new StartupException("policy restore error: couldn't insert policy " + p.policy() + " for "
                        + p.name() + ": " + refused.reason(), null);
            }
            r = outcome.orElseThrow();
        }
        return r;
    }

    /** Taps named like ours left by an earlier daemon: removed unless a tender still holds them. */
    private static void cleanLeftoverTaps(TapDevices taps) {
        try {
            for (String tap : taps.leftovers()) {
                try {
                    taps.destroy(tap);
                    LOG.warn("removed leftover tap {}", tap);
                } catch (IOException e) {
                    LOG.warn("leftover tap {} kept: {}", tap, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warn("listing leftover taps: {}", e.getMessage());
        }
    }

    /**
     * SIGTERM (spec §7.9): stop listening, stop every unikernel and wait for them (taps and files freed), leave
     * the state file as it is so they come back at the next start.
     */
    public void shutdown(Duration timeout) {
        for (UnixServer s : servers) {
            s.close();
        }
        servers.clear();
        if (vmmd != null) {
            try {
                vmmd.shutdown().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                LOG.error("unikernels still running after {}", timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.error("shutdown failed: {}", e.getCause().toString());
            }
        }
        close();
    }

    @Override
    public void close() {
        for (UnixServer s : servers) {
            s.close();
        }
        servers.clear();
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                // Shutting down: report and go on releasing the rest.
                LOG.warn("closing {}: {}", resources.get(i), e.toString());
            }
        }
        resources.clear();
    }
}
