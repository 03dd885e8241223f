package dev.albatross.daemon.wire;

import dev.albatross.protocol.wire.Framing;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.wire.WireCodec;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Writes {@link Wire} messages as frames, and {@link Framing.Frame}s (raw chunks and the end marker) as they
 * are. Each message is encoded into one array (length prefix included) that Netty writes without copying.
 */
@ChannelHandler.Sharable
public final class WireEncoder extends ChannelOutboundHandlerAdapter {
    public static final WireEncoder INSTANCE = new WireEncoder();

    private WireEncoder() {
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof Wire wire) {
            ctx.write(Unpooled.wrappedBuffer(WireCodec.encodeFramed(wire)), promise);
        } else if (msg instanceof Framing.Frame.Chunk chunk) {
            ctx.write(Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(Framing.lengthPrefix(chunk.payload().length())),
                    Unpooled.wrappedBuffer(chunk.payload().asReadOnlyBuffer())), promise);
        } else if (msg instanceof Framing.Frame.End) {
            ctx.write(Unpooled.wrappedBuffer(new byte[4]), promise);
        } else {
            ctx.write(msg, promise);
        }
    }
}
