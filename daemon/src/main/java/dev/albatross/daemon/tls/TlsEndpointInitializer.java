package dev.albatross.daemon.tls;

import dev.albatross.daemon.wire.FrameDecoder;
import dev.albatross.daemon.wire.WireEncoder;
import dev.albatross.protocol.x509.ChainValidator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of one client connection, network side first:
 * <pre>
 *   limit    ConnectionLimitHandler   too many open: close at accept
 *   tls      SslHandler               TLS 1.3, client certificate judged in the handshake, handshake timeout
 *   idle     IdleStateHandler         reader idle events (acted on only while an upload is expected)
 *   frames   FrameDecoder             4-byte length frames from the client, at most the upload limit
 *   wire     WireEncoder              wire messages to the client
 *   chain    ClientChainHandler       validated chain -&gt; ChainCommand, or Failure; replaced by
 *   forward  ForwardHandler           the daemon connection (spec §11)
 * </pre>
 */
final class TlsEndpointInitializer extends ChannelInitializer<Channel> {
    private final SslContext ssl;
    private final ChainValidator validator;
    private final InstantSource clock;
    private final ForwardSettings settings;
    private final ConnectionLimitHandler limit;

    TlsEndpointInitializer(SslContext ssl, ChainValidator validator, InstantSource clock, ForwardSettings settings) {
        this.ssl = ssl;
        this.validator = validator;
        this.clock = clock;
        this.settings = settings;
        this.limit = new ConnectionLimitHandler(settings.limits().maxConnections());
    }

    @Override
    protected void initChannel(Channel ch) {
        TlsLimits limits = settings.limits();
        SocketAddress remote = ch.remoteAddress();
        SslHandler tls = remote instanceof InetSocketAddress inet
                ? ssl.newHandler(ch.alloc(), inet.getHostString(), inet.getPort()) : ssl.newHandler(ch.alloc());
        tls.setHandshakeTimeout(limits.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        ch.pipeline().addLast("limit", limit);
        ch.pipeline().addLast("tls", tls);
        ch.pipeline().addLast("idle", new IdleStateHandler(limits.idleTimeout().toMillis(), 0, 0,
                TimeUnit.MILLISECONDS));
        ch.pipeline().addLast("frames", new FrameDecoder(limits.maxFrameBytes()));
        ch.pipeline().addLast("wire", WireEncoder.INSTANCE);
        ch.pipeline().addLast("chain", new ClientChainHandler(validator, clock, settings));
    }

    int openConnections() {
        return limit.open();
    }
}
