package dev.albatross.daemon.tls;

import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.Failure;
import dev.albatross.protocol.wire.Framing;
import dev.albatross.protocol.wire.Header;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.x509.ChainCommand;
import dev.albatross.protocol.x509.ChainOutcome;
import dev.albatross.protocol.x509.ChainRefusal;
import dev.albatross.protocol.x509.ChainValidator;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.io.IOException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSession;
import org.bouncycastle.cert.X509CertificateHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the handshake, turns the validated chain into a {@link ChainCommand} (spec §6.3, with the static policy
 * check) and hands the connection to a {@link ForwardHandler}; or logs the refusal, answers it with a
 * {@code Failure} (header {5, 0, ":"}) and closes. A failed or timed-out handshake is logged and closed.
 *
 * <p>Albatross closes without a word when the chain does not yield a command; a {@code Failure} tells the tenant
 * why (a bad extension, a command it may not send, a policy larger than its parent's).
 */
final class ClientChainHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ClientChainHandler.class);

    private final ChainValidator validator;
    private final InstantSource clock;
    private final ForwardSettings settings;
    private final long accepted = System.nanoTime();
    private final ArrayDeque<Object> early = new ArrayDeque<>();
    private boolean decided;

    ClientChainHandler(ChainValidator validator, InstantSource clock, ForwardSettings settings) {
        this.validator = validator;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof SslHandshakeCompletionEvent done)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        if (!done.isSuccess()) {
            Throwable cause = done.cause();
            if (cause instanceof SslHandshakeTimeoutException) {
                LOG.warn("{}: refused: TLS handshake not finished within {} s", ctx.channel().remoteAddress(),
                        settings.limits().handshakeTimeout().toSeconds());
            } else {
                LOG.warn("{}: TLS handshake failed: {}", ctx.channel().remoteAddress(), cause.getMessage());
            }
            ctx.close();
            return;
        }
        long handshake = System.nanoTime();
        SSLSession session = ctx.pipeline().get(SslHandler.class).engine().getSession();
        ChainOutcome<ChainCommand> outcome = validatedPath(session).then(ChainCommand::derive);
        if (outcome instanceof ChainOutcome.Refused<ChainCommand> refused) {
            refuse(ctx, refused.refusal());
            return;
        }
        ChainCommand command = outcome.orElseThrow();
        LOG.info("{}: {} for {}", ctx.channel().remoteAddress(), command.command().commandKind(), command.name());
        decided = true;
        ctx.pipeline().replace(this, "forward", new ForwardHandler(command, settings, accepted, handshake));
        while (!early.isEmpty()) {
            ctx.pipeline().context("forward").fireChannelRead(early.poll());
        }
    }

    /** The path the trust manager validated; validated again if the TLS stack dropped the session value. */
    private ChainOutcome<List<X509CertificateHolder>> validatedPath(SSLSession session) {
        Object value = session.getValue(ClientChainTrustManager.PATH_KEY);
        if (value instanceof ClientChainTrustManager.ValidatedPath path) {
            return ChainOutcome.accepted(path.certificates());
        }
        try {
            List<X509CertificateHolder> holders = new ArrayList<>();
            for (Certificate c : session.getPeerCertificates()) {
                holders.add(new X509CertificateHolder(c.getEncoded()));
            }
            return validator.validate(holders, clock.instant());
        } catch (CertificateEncodingException | IOException e) {
            return ChainOutcome.refused(ChainRefusal.Reason.EMPTY_CHAIN, "no usable client certificate: "
                    + e.getMessage());
        }
    }

    private void refuse(ChannelHandlerContext ctx, ChainRefusal refusal) {
        decided = true;
        LOG.warn("{}: refused: {}: {}", ctx.channel().remoteAddress(), refusal.reason(), refusal.message());
        Wire reply = new Wire(Header.of(0, Name.ROOT), new Failure(refusal.message()));
        ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!decided && msg instanceof Framing.Frame) {
            // Data right behind the handshake (an upload) waits for the forwarding handler.
            early.add(msg);
            return;
        }
        if (msg instanceof Framing.Frame) {
            return; // refused: nothing more is read from this client
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Handshake failures arrive here too (after the completion event); they are logged there.
        LOG.debug("{}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
