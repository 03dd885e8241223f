package dev.albatross.daemon.tls;

import dev.albatross.protocol.x509.ChainValidator;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.bouncycastle.cert.X509CertificateHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * albatross-tls-endpoint (spec §11), assembled: listens on TCP (or an inherited socket, or serves one inetd
 * connection), terminates mutual TLS 1.3, and relays each client's one command to the daemon's Unix sockets under
 * {@code <tmpdir>/util/}. Runs unprivileged: it only needs to connect to those sockets.
 */
public final class TlsEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TlsEndpoint.class);
    /** Albatross listens with backlog 10; a burst of new connections from many clients needs more. */
    private static final int BACKLOG = 128;

    /**
     * What the endpoint is started with.
     *
     * @param threads event-loop threads; each connection and its daemon connection live on one of them
     * @param timings receives each connection's step times (the benchmark's; a no-op otherwise)
     */
    public record Config(TlsCredentials credentials, TlsProvider provider, Path tmpdir, TlsLimits limits,
            InstantSource clock, int threads, Consumer<EndpointTimings> timings) {
        public Config {
            Objects.requireNonNull(credentials, "credentials");
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(tmpdir, "tmpdir");
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(timings, "timings");
            if (threads < 1) {
                throw new IllegalArgumentException("threads " + threads);
            }
        }

        public static Config defaults(TlsCredentials credentials, Path tmpdir) {
            return new Config(credentials, TlsProvider.JDK, tmpdir, TlsLimits.defaults(), InstantSource.system(),
                    Runtime.getRuntime().availableProcessors(), t -> { });
        }
    }

    private final EventLoopGroup group;
    private final TlsEndpointInitializer initializer;
    private final TlsProvider provider;
    private Channel server;

    private TlsEndpoint(Config config) throws IOException {
        this.provider = ServerTls.available(config.provider());
        X509CertificateHolder anchor;
        try {
            anchor = new X509CertificateHolder(config.credentials().anchor().getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IOException("the CA certificate cannot be encoded: " + e.getMessage(), e);
        }
        ChainValidator validator = new ChainValidator(anchor);
        ClientChainTrustManager trust = new ClientChainTrustManager(validator, config.credentials().anchor(),
                config.clock());
        SslContext ssl = ServerTls.context(provider, config.credentials(), trust, config.limits());
        ForwardSettings settings = new ForwardSettings(config.tmpdir().resolve("util"), new AtomicLong(),
                config.limits(), config.timings());
        this.initializer = new TlsEndpointInitializer(ssl, validator, config.clock(), settings);
        // Named, so that logs, profiles and the benchmark's CPU accounting can tell the endpoint's threads apart.
        this.group = new MultiThreadIoEventLoopGroup(config.threads(), new DefaultThreadFactory("tls-endpoint"),
                EpollIoHandler.newFactory());
    }

    /** Listens on {@code address} ({@code [::]:1025} by default: IPv6 and IPv4 alike). */
    public static TlsEndpoint listen(Config config, InetSocketAddress address) throws IOException {
        TlsEndpoint e = new TlsEndpoint(config);
        return e.bind(b -> b.channel(EpollServerSocketChannel.class).bind(address), address.toString());
    }

    /** Listens on the socket systemd passed as {@code fd}. */
    public static TlsEndpoint inherit(Config config, int fd) throws IOException {
        TlsEndpoint e = new TlsEndpoint(config);
        return e.bind(b -> b.channelFactory(() -> new EpollServerSocketChannel(fd)).register(), "inherited fd " + fd);
    }

    /**
     * inetd mode: serves the one connection on {@code fd} (standard input, a socket), then returns once it is
     * closed.
     */
    public static void serveOne(Config config, int fd) throws IOException, InterruptedException {
        try (TlsEndpoint e = new TlsEndpoint(config)) {
            EpollSocketChannel ch = new EpollSocketChannel(fd);
            if (ch.remoteAddress() instanceof InetSocketAddress) {
                // As for accepted connections: small TLS records (Finished, a reply) must not wait for an ACK.
                ch.config().setTcpNoDelay(true);
            }
            ch.pipeline().addLast(e.initializer);
            e.group.register(ch).sync();
            ch.closeFuture().sync();
        }
    }

    private TlsEndpoint bind(java.util.function.Function<ServerBootstrap, io.netty.channel.ChannelFuture> how,
            String where) throws IOException {
        ServerBootstrap b = new ServerBootstrap().group(group)
                .option(ChannelOption.SO_BACKLOG, BACKLOG)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer);
        try {
            server = how.apply(b).sync().channel();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            close();
            throw new IOException("interrupted while binding " + where, ex);
        } catch (RuntimeException ex) {
            close();
            throw new IOException("unable to listen on " + where + ": " + ex.getMessage(), ex);
        }
        LOG.info("listening on {} ({} TLS)", server.localAddress(), provider);
        return this;
    }

    /**
     * Sets the JDK's JVM-wide TLS limits (handshake message size, chain length) unless given on the command line.
     * Call it first thing in {@code main}: the JDK reads them once, when its TLS classes load.
     */
    public static void jdkLimits(TlsLimits limits) {
        ServerTls.jdkLimits(limits);
    }

    /** The TCP port listened on (for port 0 in tests). */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** The TLS provider in use (BoringSSL may have been unavailable). */
    public TlsProvider provider() {
        return provider;
    }

    /** Connections open now, refused ones included until they are closed. */
    public int openConnections() {
        return initializer.openConnections();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
