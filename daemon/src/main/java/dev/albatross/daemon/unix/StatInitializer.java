package dev.albatross.daemon.unix;

import dev.albatross.daemon.wire.FrameDecoder;
import dev.albatross.daemon.wire.WireEncoder;
import dev.albatross.protocol.der.Decoded;
import dev.albatross.protocol.wire.Failure;
import dev.albatross.protocol.wire.Framing;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.wire.WireCodec;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.unix.DomainSocketChannel;

/** {@code stat.sock}: until statistics are gathered, every command gets a clear {@code Failure}. */
public final class StatInitializer extends ChannelInitializer<DomainSocketChannel> {
    private final int maxFrameBytes;

    public StatInitializer(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void initChannel(DomainSocketChannel ch) {
        ch.pipeline().addLast("frames", new FrameDecoder(maxFrameBytes));
        ch.pipeline().addLast("wire", WireEncoder.INSTANCE);
        ch.pipeline().addLast("stat", new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof Framing.Frame.Chunk chunk
                        && WireCodec.decode(chunk.payload()) instanceof Decoded.Ok<Wire> ok) {
                    ctx.writeAndFlush(ok.value().reply(new Failure("statistics are not available in this daemon "
                            + "yet"))).addListener(ChannelFutureListener.CLOSE);
                } else {
                    ctx.close();
                }
            }
        });
    }
}
