package dev.albatross.daemon.wire;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.wire.Framing;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts the byte stream into frames (spec §2.1): a 4-byte signed big-endian length, then that many bytes.
 * Emits {@link Framing.Frame.Chunk} for each frame and {@link Framing.Frame.End} for a length {@code <= 0}.
 *
 * <p>Each frame's bytes are copied once, straight into an array of the announced length, which then belongs
 * to the decoder of the next handler (so a 64 MiB image is copied once on its way in). A length above the
 * limit closes the connection before anything of it is buffered.
 */
public final class FrameDecoder extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(FrameDecoder.class);

    private final int maxFrameBytes;
    private final byte[] prefix = new byte[4];
    private int prefixFilled;
    private byte[] payload;
    private int payloadFilled;
    private boolean discarding;

    public FrameDecoder(int maxFrameBytes) {
        if (maxFrameBytes <= 0) {
            throw new IllegalArgumentException("maxFrameBytes " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            while (in.isReadable() && !discarding) {
                if (payload == null) {
                    int n = Math.min(4 - prefixFilled, in.readableBytes());
                    in.readBytes(prefix, prefixFilled, n);
                    prefixFilled += n;
                    if (prefixFilled < 4) {
                        return;
                    }
                    prefixFilled = 0;
                    int length = Framing.length(prefix, 0);
                    if (length <= 0) {
                        ctx.fireChannelRead(new Framing.Frame.End());
                        continue;
                    }
                    if (length > maxFrameBytes) {
                        LOG.warn("{}: frame of {} bytes exceeds the limit of {} bytes, closing", ctx.channel(),
                                length, maxFrameBytes);
                        discarding = true;
                        ctx.close();
                        return;
                    }
                    payload = new byte[length];
                    payloadFilled = 0;
                }
                int n = Math.min(payload.length - payloadFilled, in.readableBytes());
                in.readBytes(payload, payloadFilled, n);
                payloadFilled += n;
                if (payloadFilled == payload.length) {
                    byte[] frame = payload;
                    payload = null;
                    ctx.fireChannelRead(new Framing.Frame.Chunk(Bytes.wrap(frame)));
                }
            }
        } finally {
            in.release();
        }
    }

    /** True while a frame has started but not completed (for idle and shutdown decisions). */
    public boolean inFrame() {
        return payload != null || prefixFilled > 0;
    }
}
