package dev.albatross.daemon.unix;

import dev.albatross.console.ConsoleSink;
import dev.albatross.console.Consoles;
import dev.albatross.console.fifo.FifoReader;
import dev.albatross.daemon.wire.FrameDecoder;
import dev.albatross.daemon.wire.WireEncoder;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.unix.DomainSocketChannel;

/** The pipeline of a {@code console.sock} connection. */
public final class ConsoleInitializer extends ChannelInitializer<DomainSocketChannel> {
    private final Consoles consoles;
    private final FifoReader fifoReader;
    private final int maxFrameBytes;

    public ConsoleInitializer(Consoles consoles, FifoReader fifoReader, int maxFrameBytes) {
        this.consoles = consoles;
        this.fifoReader = fifoReader;
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void initChannel(DomainSocketChannel ch) {
        // A subscriber's pending bytes are bounded: beyond the budget the console registry stops offering and
        // counts what the ring overwrites (a slow reader loses lines, never stalls anyone).
        ch.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(ConsoleSink.PENDING_BYTES_BUDGET / 2, ConsoleSink.PENDING_BYTES_BUDGET));
        ch.pipeline().addLast("frames", new FrameDecoder(maxFrameBytes));
        ch.pipeline().addLast("wire", WireEncoder.INSTANCE);
        ch.pipeline().addLast("console", new ConsoleHandler(consoles, fifoReader));
    }
}
