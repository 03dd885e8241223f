package dev.albatross.daemon.tls;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections beyond the limit at accept, before any TLS work, so a flood cannot starve the clients
 * already being served. Shared by every connection of one endpoint; removes itself once a connection is admitted.
 */
@ChannelHandler.Sharable
final class ConnectionLimitHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimitHandler.class);

    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();

    ConnectionLimitHandler(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        int now = open.incrementAndGet();
        ctx.channel().closeFuture().addListener(f -> open.decrementAndGet());
        if (now > maxConnections) {
            LOG.warn("{}: refused: {} connections open, the limit is {}", ctx.channel().remoteAddress(), now - 1,
                    maxConnections);
            ctx.close();
            return;
        }
        ctx.pipeline().remove(this);
        ctx.fireChannelActive();
    }

    /** Connections open now (admitted or being refused). */
    int open() {
        return open.get();
    }
}
