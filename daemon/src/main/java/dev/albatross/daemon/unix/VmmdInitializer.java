package dev.albatross.daemon.unix;

import dev.albatross.daemon.vmmd.Vmmd;
import dev.albatross.daemon.wire.FrameDecoder;
import dev.albatross.daemon.wire.WireEncoder;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.unix.DomainSocketChannel;
import java.util.concurrent.Executor;

/** The pipeline of a {@code vmmd.sock} connection: frames in, wire messages out, one {@link VmmdHandler}. */
public final class VmmdInitializer extends ChannelInitializer<DomainSocketChannel> {
    private final Vmmd vmmd;
    private final Executor blockIo;
    private final int maxFrameBytes;

    public VmmdInitializer(Vmmd vmmd, Executor blockIo, int maxFrameBytes) {
        this.vmmd = vmmd;
        this.blockIo = blockIo;
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void initChannel(DomainSocketChannel ch) {
        ch.pipeline().addLast("frames", new FrameDecoder(maxFrameBytes));
        ch.pipeline().addLast("wire", WireEncoder.INSTANCE);
        ch.pipeline().addLast("vmmd", new VmmdHandler(vmmd, blockIo));
    }
}
