package dev.albatross.daemon.unix;

import dev.albatross.console.ConsoleSink;
import dev.albatross.console.Consoles;
import dev.albatross.console.Subscription;
import dev.albatross.console.fifo.FifoReader;
import dev.albatross.protocol.der.Decoded;
import dev.albatross.protocol.wire.ConsoleCmd;
import dev.albatross.protocol.wire.Framing;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.wire.WireCodec;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to {@code console.sock} (spec §8): {@code Console_add} (answered, the connection stays open),
 * {@code Console_subscribe} (then console data until the client goes away; anything the client sends ends the
 * subscription), {@code Console_list_inactive} (answered, closed). Anything else, or a frame that does not
 * decode, closes the connection, as Albatross's console daemon does.
 */
final class ConsoleHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleHandler.class);

    private final Consoles consoles;
    private final FifoReader fifoReader;
    private Subscription subscription;

    ConsoleHandler(Consoles consoles, FifoReader fifoReader) {
        this.consoles = consoles;
        this.fifoReader = fifoReader;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Framing.Frame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (subscription != null) {
            // A subscriber only waits; whatever it sends ends the subscription (spec §8).
            ctx.close();
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
        Wire request = decoded.orElseThrow();
        if (!(request.payload() instanceof ConsoleCmd cmd)) {
            LOG.warn("{}: unexpected {} on console.sock, closing", ctx.channel(), request.payload().payloadKind());
            ctx.close();
            return;
        }
        switch (cmd.kind()) {
            case ADD -> ctx.writeAndFlush(request.reply(fifoReader.add(request.header().name(),
                    ((ConsoleCmd.Add) cmd).maxConsoles())));
            case SUBSCRIBE_SINCE, SUBSCRIBE_COUNT -> subscription = consoles.subscribe(request.header(), cmd,
                    new ChannelSink(ctx.channel()));
            case LIST_INACTIVE -> ctx.writeAndFlush(request.reply(consoles.listInactive(request.header().name())))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Subscription s = subscription;
        if (s != null && ctx.channel().isWritable()) {
            s.resume();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("{}: {}", ctx.channel(), cause.toString());
        ctx.close();
    }

    /** A subscriber's socket: takes a message only while within its pending-bytes budget; never blocks. */
    private record ChannelSink(Channel channel) implements ConsoleSink {
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
            LOG.debug("{}: console subscription ended: {}", channel, reason);
            channel.close();
        }
    }
}
