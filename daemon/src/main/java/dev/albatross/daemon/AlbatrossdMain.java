package dev.albatross.daemon;

import ch.qos.logback.classic.Level;
import dev.albatross.daemon.unix.SystemdSockets;
import dev.albatross.daemon.vmmd.DaemonPaths;
import dev.albatross.daemon.vmmd.Vmmd;
import dev.albatross.protocol.name.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code albatrossd}: Albatross's flags (spec §1, §7.1), plus a few of ours. */
@Command(name = "albatrossd", mixinStandardHelpOptions = true, version = "albatrossd (Java) 0.1.0",
        description = "Runs unikernels: creates tap devices and block images, supervises solo5-hvt tenders, "
                + "persists what runs, and serves vmmd.sock, console.sock and stat.sock.")
public final class AlbatrossdMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(AlbatrossdMain.class);

    @Option(names = "--tmpdir", paramLabel = "DIR", description = "Runtime directory (sockets, fifos, images). "
            + "Default: /run/albatross.")
    java.nio.file.Path tmpdir = DaemonPaths.DEFAULT_TMPDIR;

    @Option(names = "--dbdir", paramLabel = "DIR", description = "State directory (state file, block devices, "
            + "tenders). Default: /var/lib/albatross.")
    java.nio.file.Path dbdir = DaemonPaths.DEFAULT_DBDIR;

    @Option(names = "--systemd-socket-activation", description = "Take the listening sockets from systemd.")
    boolean systemd;

    @Option(names = "--no-drop-path", description = "Pass the full name, not only its label, as --name=.")
    boolean noDropPath;

    @Option(names = "--allow-zvol-for", paramLabel = "PATH",
            description = "Let unikernels at PATH use /dev/zvol devices without block-device tracking.")
    String allowZvolFor;

    @Option(names = "--influx", paramLabel = "HOST[:PORT]",
            description = "Push unikernel statistics to HOST (port 8094 by default) in albatross-influx's format.")
    String influx;

    @Option(names = "--metrics-listen", paramLabel = "ADDR:PORT",
            description = "Serve Prometheus metrics on http://ADDR:PORT/metrics (off by default).")
    String metricsListen;

    @Option(names = "--stats-interval", paramLabel = "SECONDS",
            description = "Gather unikernel statistics every SECONDS (default 10).")
    long statsIntervalSeconds = 10;

    @Option(names = "--tap-prefix", paramLabel = "PREFIX", description = "Name taps PREFIXn. Default: vmmtap.")
    String tapPrefix = "vmmtap";

    @Option(names = "--startup-grace", paramLabel = "MS",
            description = "Wait this long for a new tender to fail at once before answering (0: do not). "
                    + "Default: 5.")
    long startupGraceMs = 5;

    @Option(names = {"-q", "--quiet"}, description = "Only errors.")
    boolean quiet;

    @Mixin
    LogOptions logs = new LogOptions();


    public static void main(String[] args) {
        // 124: Albatross's (cmdliner's) exit status for a command-line error.
        int code = new CommandLine(new AlbatrossdMain()).setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("albatrossd: " + e.getMessage());
            return 124;
        }).execute(args);
        System.exit(code);
    }

    @Override
    public Integer call() throws Exception {
        LogOptions.apply(logs.level(quiet, Level.ERROR));
        DaemonPaths paths = new DaemonPaths(tmpdir, dbdir);
        Optional<SystemdSockets> sockets = Optional.empty();
        if (systemd) {
            sockets = SystemdSockets.fromEnvironment(System.getenv(), ProcessHandle.current().pid());
            if (sockets.isEmpty()) {
                LOG.error("--systemd-socket-activation given, but no sockets were passed (LISTEN_PID/LISTEN_FDS)");
                return 1;
            }
        }
        Vmmd.Settings defaults = Vmmd.Settings.DEFAULT;
        Vmmd.Settings settings = new Vmmd.Settings(Duration.ofMillis(startupGraceMs), defaults.killAfter(),
                defaults.backoff(), !noDropPath, defaults.maxImageBytes());
        Albatrossd.Config defaultsConfig = Albatrossd.Config.defaults(paths);
        Albatrossd.Config config = new Albatrossd.Config(paths,
                Optional.ofNullable(allowZvolFor).map(Path::parse), tapPrefix, settings,
                defaultsConfig.consoleLimits(), defaultsConfig.maxFrameBytes(), sockets, defaultsConfig.clock(),
                defaultsConfig.stats().withInterval(Duration.ofSeconds(statsIntervalSeconds)),
                Optional.ofNullable(metricsListen), Optional.ofNullable(influx));
        Albatrossd daemon;
        try {
            daemon = Albatrossd.start(config);
        } catch (Albatrossd.StartupException e) {
            LOG.error("bailing out: {}", e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.warn("shutting down: stopping every unikernel");
            daemon.shutdown(Duration.ofSeconds(30));
            stopped.countDown();
        }, "albatrossd-shutdown"));
        stopped.await();
        return 0;
    }
}
