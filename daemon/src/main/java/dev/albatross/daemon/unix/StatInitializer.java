package dev.albatross.daemon.unix;

import dev.albatross.daemon.wire.FrameDecoder;
import dev.albatross.daemon.wire.WireEncoder;
import dev.albatross.stats.StatsService;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.unix.DomainSocketChannel;

/** The pipeline of a {@code stat.sock} connection. */
public final class StatInitializer extends ChannelInitializer<DomainSocketChannel> {
    private final StatsService stats;
    private final int maxFrameBytes;

    public StatInitializer(StatsService stats, int maxFrameBytes) {
        this.stats = stats;
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void initChannel(DomainSocketChannel ch) {
        ch.pipeline().addLast("frames", new FrameDecoder(maxFrameBytes));
        ch.pipeline().addLast("wire", WireEncoder.INSTANCE);
        ch.pipeline().addLast("stat", new StatHandler(stats));
    }
}
