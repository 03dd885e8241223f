package dev.albatross.daemon.unix;

import dev.albatross.daemon.vmmd.Response;
import dev.albatross.daemon.vmmd.Vmmd;
import dev.albatross.protocol.der.Decoded;
import dev.albatross.protocol.wire.Data;
import dev.albatross.protocol.wire.Failure;
import dev.albatross.protocol.wire.Framing;
import dev.albatross.protocol.wire.Payload;
import dev.albatross.protocol.wire.Success;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.wire.WireCodec;
import dev.albatross.tender.block.BlockDump;
import dev.albatross.tender.block.BlockException;
import dev.albatross.tender.block.BlockUpload;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to {@code vmmd.sock} (spec §7.2): decodes each frame into a command, hands it to the
 * {@link Vmmd}, and carries out the {@link Response}: reply and read on, reply and close, receive a raw chunk
 * stream into a block upload, or send a block dump. Replies reuse the request's header.
 *
 * <p>A frame that does not decode closes the connection without a reply, as Albatross does (the recorded
 * {@code raw-*} exchanges): there is no trustworthy header to answer with. Frames that arrive while a command is
 * in progress wait (a {@code Block_set} client sends its chunks right behind the command).
 */
final class VmmdHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(VmmdHandler.class);
    /** Queued upload bytes above which we stop reading the socket, and below which we read again. */
    private static final long HIGH_WATER = 8L << 20;
    private static final long LOW_WATER = 2L << 20;

    private enum Mode { COMMAND, BUSY, UPLOAD, CLOSING }

    private final Vmmd vmmd;
    private final Executor blockIo;
    private final ArrayDeque<Framing.Frame> queued = new ArrayDeque<>();
    private Mode mode = Mode.COMMAND;
    private Wire request;

    // Upload state: chunks are written in order on blockIo; `tail` is the last write.
    private BlockUpload upload;
    private CompletableFuture<Void> tail;
    private long pendingBytes;

    VmmdHandler(Vmmd vmmd, Executor blockIo) {
        this.vmmd = vmmd;
        this.blockIo = blockIo;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Framing.Frame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (mode == Mode.BUSY) {
            queued.add(frame);
            return;
        }
        process(ctx, frame);
    }

    private void process(ChannelHandlerContext ctx, Framing.Frame frame) {
        switch (mode) {
            case COMMAND -> command(ctx, frame);
            case UPLOAD -> chunk(ctx, frame);
            case BUSY -> queued.add(frame);
            case CLOSING -> {
                // Everything after the last reply is ignored; the connection is closing.
            }
        }
    }

    private void command(ChannelHandlerContext ctx, Framing.Frame frame) {
        if (!(frame instanceof Framing.Frame.Chunk chunk)) {
            LOG.debug("{}: end of stream instead of a command, closing", ctx.channel());
            closing(ctx);
            return;
        }
        Decoded<Wire> decoded = WireCodec.decode(chunk.payload());
        if (decoded instanceof Decoded.Failed<Wire> failed) {
            LOG.warn("{}: cannot decode a command ({}), closing without reply", ctx.channel(),
                    failed.error().message());
            closing(ctx);
            return;
        }
        request = decoded.orElseThrow();
        mode = Mode.BUSY;
        vmmd.submit(request).whenComplete((response, error) -> ctx.executor().execute(() -> {
            if (error != null) {
                LOG.error("{}: command failed: {}", ctx.channel(), error.toString());
                finish(ctx, new Failure("internal error"));
            } else {
                perform(ctx, response);
            }
        }));
    }

    private void perform(ChannelHandlerContext ctx, Response response) {
        if (response instanceof Response.Continue c) {
            ctx.writeAndFlush(request.reply(c.reply()));
            mode = Mode.COMMAND;
            drainQueue(ctx);
        } else if (response instanceof Response.Finish f) {
            f.reply().whenComplete((payload, error) -> ctx.executor().execute(() ->
                    finish(ctx, payload != null ? payload : new Failure("internal error"))));
        } else if (response instanceof Response.ReceiveStream r) {
            upload = r.upload();
            tail = CompletableFuture.completedFuture(null);
            mode = Mode.UPLOAD;
            drainQueue(ctx);
        } else if (response instanceof Response.SendStream s) {
            mode = Mode.CLOSING;
            ctx.writeAndFlush(request.reply(new Success.BlockDeviceImage(s.compressed())));
            new DumpPump(ctx, s.dump()).pump();
        }
    }

    private void drainQueue(ChannelHandlerContext ctx) {
        while (!queued.isEmpty() && (mode == Mode.COMMAND || mode == Mode.UPLOAD)) {
            process(ctx, queued.poll());
        }
    }

    private void finish(ChannelHandlerContext ctx, Payload payload) {
        mode = Mode.CLOSING;
        ctx.writeAndFlush(request.reply(payload)).addListener(ChannelFutureListener.CLOSE);
    }

    private void closing(ChannelHandlerContext ctx) {
        mode = Mode.CLOSING;
        ctx.close();
    }

    // ---- Block_set: raw chunks into the upload ----------------------------------------------------------------

    private void chunk(ChannelHandlerContext ctx, Framing.Frame frame) {
        BlockUpload u = upload;
        if (frame instanceof Framing.Frame.Chunk chunk) {
            int n = chunk.payload().length();
            pendingBytes += n;
            if (pendingBytes > HIGH_WATER) {
                ctx.channel().config().setAutoRead(false);
            }
            tail = tail.thenRunAsync(() -> {
                try {
                    u.write(chunk.payload().asReadOnlyBuffer());
                } catch (BlockException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, blockIo).whenComplete((v, e) -> ctx.executor().execute(() -> {
                pendingBytes -= n;
                if (pendingBytes < LOW_WATER && mode == Mode.UPLOAD) {
                    ctx.channel().config().setAutoRead(true);
                }
            }));
            return;
        }
        mode = Mode.BUSY;
        tail.thenRunAsync(() -> {
            try {
                u.commit();
            } catch (BlockException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, blockIo).whenComplete((v, e) -> ctx.executor().execute(() -> {
            upload = null;
            if (e != null) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                LOG.warn("{}: set block {} failed: {}", ctx.channel(), request.header().name(), cause.getMessage());
                u.close();
                finish(ctx, new Failure(cause.getMessage()));
            } else {
                finish(ctx, new Success.Message("set block device"));
            }
        }));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        BlockUpload u = upload;
        if (u != null) {
            upload = null;
            tail.whenCompleteAsync((v, e) -> u.abort(), blockIo);
            LOG.warn("{}: connection closed during a block upload of {}; upload aborted", ctx.channel(),
                    request.header().name());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("{}: {}", ctx.channel(), cause.toString());
        ctx.close();
    }

    // ---- Block_dump: chunks out, with back-pressure ------------------------------------------------------------

    /** Reads the dump on blockIo while the channel is writable; resumes when it becomes writable again. */
    private final class DumpPump {
        private final ChannelHandlerContext ctx;
        private final BlockDump dump;

        DumpPump(ChannelHandlerContext ctx, BlockDump dump) {
            this.ctx = ctx;
            this.dump = dump;
            ctx.channel().closeFuture().addListener(f -> blockIo.execute(dump::close));
        }

        void pump() {
            blockIo.execute(this::step);
        }

        private void step() {
            try {
                while (ctx.channel().isActive()) {
                    if (!ctx.channel().isWritable()) {
                        ctx.channel().eventLoop().execute(this::whenWritable);
                        return;
                    }
                    Optional<byte[]> chunk = dump.next();
                    if (chunk.isEmpty()) {
                        ctx.writeAndFlush(request.reply(Data.BlockData.end())).addListener(ChannelFutureListener.CLOSE);
                        dump.close();
                        return;
                    }
                    ctx.writeAndFlush(request.reply(new Data.BlockData(Optional.of(
                            dev.albatross.protocol.der.Bytes.wrap(chunk.get())))));
                }
            } catch (BlockException e) {
                LOG.warn("{}: dump of {} failed: {}", ctx.channel(), request.header().name(), e.getMessage());
                ctx.writeAndFlush(request.reply(new Failure(e.getMessage()))).addListener(ChannelFutureListener.CLOSE);
                dump.close();
            }
        }

        private void whenWritable() {
            if (ctx.channel().isWritable()) {
                pump();
            } else {
                ctx.channel().pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelWritabilityChanged(ChannelHandlerContext c) {
                        if (c.channel().isWritable()) {
                            c.pipeline().remove(this);
                            pump();
                        }
                        c.fireChannelWritabilityChanged();
                    }
                });
            }
        }
    }
}
