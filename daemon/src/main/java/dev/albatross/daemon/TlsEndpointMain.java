package dev.albatross.daemon;

import ch.qos.logback.classic.Level;
import dev.albatross.daemon.tls.TlsCredentials;
import dev.albatross.daemon.tls.TlsEndpoint;
import dev.albatross.daemon.tls.TlsLimits;
import dev.albatross.daemon.tls.TlsProvider;
import dev.albatross.daemon.unix.SystemdSockets;
import dev.albatross.daemon.vmmd.DaemonPaths;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code albatross-tls-endpoint CA CERT KEY [--ip ADDR] [--port N | --systemd-socket-activation] [--inetd]
 * [--tmpdir DIR]} (spec §11), plus our limits and the TLS provider.
 */
@Command(name = "albatross-tls-endpoint", mixinStandardHelpOptions = true,
        version = "albatross-tls-endpoint (Java) 0.1.0",
        description = "Remote albatross access: accepts mutually authenticated TLS sessions, takes the command from "
                + "the client certificate and forwards it to the albatross daemon; the reply goes back to the client.")
public final class TlsEndpointMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(TlsEndpointMain.class);

    @Parameters(index = "0", paramLabel = "CA", description = "CA certificate (exactly one).")
    java.nio.file.Path ca;

    @Parameters(index = "1", paramLabel = "CERT", description = "Certificate (chain) of this server.")
    java.nio.file.Path cert;

    @Parameters(index = "2", paramLabel = "KEY", description = "Private key of this server.")
    java.nio.file.Path key;

    @Option(names = "--ip", paramLabel = "ADDR", description = "Listen IP address. Default: :: (IPv6 and IPv4).")
    String ip = "::";

    @Option(names = "--port", paramLabel = "N", description = "TCP port. Default: 1025.")
    Integer port;

    @Option(names = "--systemd-socket-activation", description = "Take the listening socket from systemd.")
    boolean systemd;

    @Option(names = "--inetd", description = "Serve one connection on standard input (use --syslog or --quiet).")
    boolean inetd;

    @Option(names = "--tmpdir", paramLabel = "DIR", description = "Runtime directory of the daemon (its sockets are "
            + "in DIR/util). Default: /run/albatross.")
    java.nio.file.Path tmpdir = DaemonPaths.DEFAULT_TMPDIR;

    @Option(names = "--tls-provider", paramLabel = "jdk|openssl", description = "TLS implementation. Default: jdk. "
            + "openssl (BoringSSL, when netty-tcnative is on the class path) cannot verify Ed25519 client keys.")
    String tlsProvider = "jdk";

    @Option(names = "--handshake-timeout", paramLabel = "SECONDS", description = "Default: 10.")
    long handshakeTimeout = TlsLimits.DEFAULT_HANDSHAKE_TIMEOUT.toSeconds();

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", description = "Longest pause in an upload. Default: 30.")
    long idleTimeout = TlsLimits.DEFAULT_IDLE_TIMEOUT.toSeconds();

    @Option(names = "--max-connections", paramLabel = "N", description = "Connections at once. Default: 256.")
    int maxConnections = TlsLimits.DEFAULT_MAX_CONNECTIONS;

    @Option(names = "--max-upload-mb", paramLabel = "MB", description = "Largest streamed image or block upload. "
            + "Default: 80.")
    long maxUploadMb = TlsLimits.DEFAULT_MAX_UPLOAD_BYTES >> 20;

    @Option(names = {"-q", "--quiet"}, description = "No log output.")
    boolean quiet;

    @Mixin
    LogOptions logs = new LogOptions();


    public static void main(String[] args) {
        TlsEndpoint.jdkLimits(TlsLimits.defaults());
        // 124: Albatross's (cmdliner's) exit status for a command-line error.
        int code = new CommandLine(new TlsEndpointMain()).setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("albatross-tls-endpoint: " + e.getMessage());
            return 124;
        }).execute(args);
        System.exit(code);
    }

    @Override
    public Integer call() throws Exception {
        Level level = logs.level(quiet, Level.OFF);
        if (inetd && !logs.syslog && level != Level.OFF) {
            // Standard output is the TLS stream: Albatross exits 3 unless logs go elsewhere or nowhere.
            return 3;
        }
        LogOptions.apply(level);
        if (systemd && port != null) {
            LOG.error("--port and --systemd-socket-activation are mutually exclusive");
            return 124;
        }
        TlsProvider provider = switch (tlsProvider) {
            case "openssl", "boringssl" -> TlsProvider.OPENSSL;
            case "jdk" -> TlsProvider.JDK;
            default -> null;
        };
        if (provider == null) {
            LOG.error("unknown TLS provider {} (openssl or jdk)", tlsProvider);
            return 124;
        }
        TlsCredentials credentials;
        try {
            credentials = TlsCredentials.read(ca, cert, key);
        } catch (IOException e) {
            LOG.error("{}", e.getMessage());
            return 1;
        }
        TlsLimits limits = new TlsLimits(Duration.ofSeconds(handshakeTimeout), Duration.ofSeconds(idleTimeout),
                maxConnections, maxUploadMb << 20, TlsLimits.DEFAULT_MAX_HANDSHAKE_BYTES);
        TlsEndpoint.Config config = new TlsEndpoint.Config(credentials, provider, tmpdir, limits,
                InstantSource.system(), Runtime.getRuntime().availableProcessors(), t -> { });
        if (inetd) {
            TlsEndpoint.serveOne(config, 0);
            return 0;
        }
        TlsEndpoint endpoint;
        if (systemd) {
            Optional<SystemdSockets> sockets = SystemdSockets.fromEnvironment(System.getenv(),
                    ProcessHandle.current().pid());
            if (sockets.isEmpty()) {
                LOG.error("--systemd-socket-activation given, but no socket was passed (LISTEN_PID/LISTEN_FDS)");
                return 1;
            }
            endpoint = TlsEndpoint.inherit(config, SystemdSockets.FIRST_FD);
        } else {
            endpoint = TlsEndpoint.listen(config, new InetSocketAddress(InetAddress.getByName(ip),
                    port == null ? 1025 : port));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            endpoint.close();
            stopped.countDown();
        }, "tls-endpoint-shutdown"));
        stopped.await();
        return 0;
    }
}
