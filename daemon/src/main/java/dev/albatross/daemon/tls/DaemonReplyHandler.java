package dev.albatross.daemon.tls;

import dev.albatross.protocol.der.Decoded;
import dev.albatross.protocol.wire.Framing;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.wire.WireCodec;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** The daemon side of a forwarded command: decodes each frame from the daemon and hands it to the {@link Listener}. */
final class DaemonReplyHandler extends ChannelInboundHandlerAdapter {
    /** What the forwarding side hears of the daemon; called on the connection's event loop. */
    interface Listener {
        void daemonWire(Wire wire);

        /** The daemon sent something that is not a wire message, or ended its stream. */
        void daemonUnreadable(String why);

        void daemonClosed();

        void daemonWritable(boolean writable);
    }

    private final Listener listener;

    DaemonReplyHandler(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Framing.Frame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (!(frame instanceof Framing.Frame.Chunk chunk)) {
            listener.daemonUnreadable("end of stream");
            return;
        }
        Decoded<Wire> decoded = WireCodec.decode(chunk.payload());
        if (decoded instanceof Decoded.Failed<Wire> failed) {
            listener.daemonUnreadable(failed.error().message());
        } else {
            listener.daemonWire(decoded.orElseThrow());
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        listener.daemonWritable(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        listener.daemonClosed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // The daemon connection failed (reset, broken pipe): closing it reports daemonClosed to the listener.
        ctx.close();
    }
}
