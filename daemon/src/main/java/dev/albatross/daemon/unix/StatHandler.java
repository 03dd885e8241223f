package dev.albatross.daemon.unix;

import dev.albatross.protocol.der.Decoded;
import dev.albatross.protocol.wire.Framing;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.wire.WireCodec;
import dev.albatross.stats.StatsService;
import dev.albatross.stats.StatsSink;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to {@code stat.sock} (spec §9.1): every command goes to the {@link StatsService}, which answers
 * and, for a subscription, streams statistics through this connection's sink. A frame that does not decode
 * closes the connection.
 */
final class StatHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(StatHandler.class);

    private final StatsService stats;
    private ChannelSink sink;

    StatHandler(StatsService stats) {
        this.stats = stats;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        sink = new ChannelSink(ctx.channel());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Framing.Frame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (!(frame instanceof Framing.Frame.Chunk chunk)) {
            ctx.close();
            return;
        }
        Decoded<Wire> decoded = WireCodec.decode(chunk.payload());
        if (decoded instanceof Decoded.Failed<Wire> failed) {
            LOG.warn("{}: cannot decode ({}), closing", ctx.channel(), failed.error().message());
            ctx.close();
            return;
        }
        stats.handle(decoded.orElseThrow(), sink);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (sink != null) {
            stats.cancel(sink);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("{}: {}", ctx.channel(), cause.toString());
        ctx.close();
    }

    /** The connection as the statistics see it: takes a message only if it is not backed up; never blocks. */
    private record ChannelSink(Channel channel) implements StatsSink {
        @Override
        public boolean offer(Wire message) {
            if (!channel.isWritable()) {
                return false;
            }
            channel.writeAndFlush(message);
            return true;
        }

        @Override
        public void close(CloseReason reason) {
            LOG.debug("{}: statistics connection ended: {}", channel, reason);
            channel.close();
        }
    }
}
