package dev.albatross.daemon.unix;

import dev.albatross.console.ConsoleSink;
import dev.albatross.console.Consoles;
import dev.albatross.console.Subscription;
import dev.albatross.console.fifo.FifoReader;
import dev.albatross.protocol.der.Decoded;
import dev.albatross.protocol.wire.ConsoleCmd;
import dev.albatross.protocol.wire.ConsoleDataWriter;
import dev.albatross.protocol.wire.Framing;
import dev.albatross.protocol.wire.Header;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.wire.WireCodec;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Arrays;
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

    /**
     * A subscriber's socket: takes messages only while they fit its pending-bytes budget (the channel's high
     * water mark, {@link ConsoleSink#PENDING_BYTES_BUDGET}); never blocks. The messages of one run of offers are
     * encoded into one buffer and written with one flush: a unikernel printing fast sends hundreds of lines per
     * read of its fifo, and one Netty write per line would cost more than the lines themselves.
     *
     * <p>Used under the console registry's lock (from the fifo reader or an event loop), so unsynchronized.
     */
    private static final class ChannelSink implements ConsoleSink {
        private final Channel channel;
        private Subscription subscription;
        private byte[] gathered = new byte[256];
        private int used;
        /** A message was refused since the last flush. */
        private boolean refused;
        private ConsoleDataWriter writer;

        ChannelSink(Channel channel) {
            this.channel = channel;
        }

        @Override
        public void attached(Subscription s) {
            this.subscription = s;
        }

        @Override
        public boolean offer(Wire message) {
            byte[] framed = WireCodec.encodeFramed(message);
            if (!room(framed.length)) {
                return false;
            }
            System.arraycopy(framed, 0, gathered, used, framed.length);
            used += framed.length;
            return true;
        }

        @Override
        public boolean offerLine(Header header, long epochSecond, int nano, byte[] line) {
            if (writer == null) {
                // Every line of a subscription has the same header.
                writer = new ConsoleDataWriter(header);
            }
            if (!room(writer.maxFramedBytes(line.length))) {
                return false;
            }
            used += writer.write(gathered, used, epochSecond, nano, line);
            return true;
        }

        /** Whether a message of up to {@code bytes} fits the budget; makes room for it. */
        private boolean room(int bytes) {
            if (!channel.isWritable() || used >= channel.bytesBeforeUnwritable()) {
                refused = true;
                return false;
            }
            if (used + bytes > gathered.length) {
                gathered = Arrays.copyOf(gathered, Math.max(used + bytes, 2 * gathered.length));
            }
            return true;
        }

        @Override
        public void flush() {
            if (used == 0) {
                // Nothing taken: refused only because the channel is not writable, and its writability change
                // resumes the subscription.
                refused = false;
                return;
            }
            ChannelFuture written = channel.writeAndFlush(channel.alloc().directBuffer(used)
                    .writeBytes(gathered, 0, used));
            used = 0;
            if (refused) {
                // The batch was full, not necessarily the channel: go on once this batch is out.
                refused = false;
                written.addListener(f -> subscription.resume());
            }
        }

        @Override
        public void close(CloseReason reason) {
            LOG.debug("{}: console subscription ended: {}", channel, reason);
            flush();
            channel.close();
        }
    }
}
