package dev.albatross.daemon.tls;

import dev.albatross.daemon.wire.FrameDecoder;
import dev.albatross.daemon.wire.WireEncoder;
import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.Data;
import dev.albatross.protocol.wire.Failure;
import dev.albatross.protocol.wire.Framing;
import dev.albatross.protocol.wire.Header;
import dev.albatross.protocol.wire.Payload;
import dev.albatross.protocol.wire.PolicyCmd;
import dev.albatross.protocol.wire.Success;
import dev.albatross.protocol.wire.UnikernelCmd;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.x509.ChainCommand;
import dev.albatross.protocol.x509.ChainPolicy;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays one authorized command to its daemon (spec §11 steps 2–8): reads a streamed image if the create has
 * none, connects to the daemon's socket, installs the chain's policies (deepest first, each must succeed), sends
 * the command, forwards a block upload, then relays the replies and sends the final one with header
 * {certificate version, sequence 0, name}. One instance per connection; both channels share one event loop.
 */
final class ForwardHandler extends ChannelInboundHandlerAdapter implements DaemonReplyHandler.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(ForwardHandler.class);
    /** Upload bytes queued for a daemon that is not ready, above which we stop reading the client. */
    private static final long QUEUE_HIGH_WATER = 4L << 20;

    private enum State { IMAGE_UPLOAD, CONNECTING, POLICIES, BLOCK_UPLOAD, REPLIES, DONE }

    private final ChainCommand chain;
    private final ForwardSettings settings;
    private final Route route;
    private final long accepted;
    private final long handshake;
    private Command command;
    private State state;
    private ChannelHandlerContext ctx;
    private Channel daemon;
    private int policiesSent;
    private long uploadedBytes;
    private final List<Bytes> image = new ArrayList<>();
    private final ArrayDeque<Framing.Frame> queued = new ArrayDeque<>();
    private long queuedBytes;
    private boolean uploadEnded;
    private long commandSent;
    private long daemonDone;

    ForwardHandler(ChainCommand chain, ForwardSettings settings, long accepted, long handshake) {
        this.chain = chain;
        this.settings = settings;
        this.command = chain.command();
        this.route = Route.of(chain.command());
        this.accepted = accepted;
        this.handshake = handshake;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        if (Route.uploadsImage(command)) {
            state = State.IMAGE_UPLOAD;
        } else {
            connect();
        }
    }

    // ---- from the client -----------------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (!(msg instanceof Framing.Frame frame)) {
            context.fireChannelRead(msg);
            return;
        }
        if (state == State.IMAGE_UPLOAD) {
            imageFrame(frame);
        } else if (Route.uploadsBlock(command) && !uploadEnded && state != State.DONE) {
            blockFrame(frame);
        }
        // Anything else a client sends is not read by Albatross either: ignored.
    }

    private void imageFrame(Framing.Frame frame) {
        if (frame instanceof Framing.Frame.Chunk chunk) {
            if (overLimit(chunk.payload().length(), "image")) {
                return;
            }
            image.add(chunk.payload());
            return;
        }
        byte[] all = new byte[Math.toIntExact(uploadedBytes)];
        int at = 0;
        for (Bytes b : image) {
            b.copyTo(all, at);
            at += b.length();
        }
        image.clear();
        command = withImage(command, Bytes.wrap(all));
        connect();
    }

    private static Command withImage(Command c, Bytes data) {
        if (c instanceof UnikernelCmd.Create create) {
            return new UnikernelCmd.Create(create.config().toBuilder().image(data).build(), create.format());
        }
        UnikernelCmd.ForceCreate force = (UnikernelCmd.ForceCreate) c;
        return new UnikernelCmd.ForceCreate(force.config().toBuilder().image(data).build(), force.format());
    }

    private void blockFrame(Framing.Frame frame) {
        if (frame instanceof Framing.Frame.Chunk chunk && overLimit(chunk.payload().length(), "block")) {
            return;
        }
        if (frame instanceof Framing.Frame.End) {
            uploadEnded = true;
        }
        if (state == State.BLOCK_UPLOAD && queued.isEmpty()) {
            toDaemon(frame);
        } else {
            queued.add(frame);
            queuedBytes += frame instanceof Framing.Frame.Chunk c ? c.payload().length() : 0;
            if (queuedBytes > QUEUE_HIGH_WATER) {
                ctx.channel().config().setAutoRead(false);
            }
        }
    }

    private void toDaemon(Framing.Frame frame) {
        daemon.writeAndFlush(frame);
        if (frame instanceof Framing.Frame.End) {
            state = State.REPLIES;
        } else if (!daemon.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    private boolean overLimit(int chunkBytes, String what) {
        uploadedBytes += chunkBytes;
        if (uploadedBytes <= settings.limits().maxUploadBytes()) {
            return false;
        }
        LOG.warn("{}: refused: {} upload for {} exceeds the limit of {} bytes", peer(), what, chain.name(),
                settings.limits().maxUploadBytes());
        image.clear();
        queued.clear();
        finish(new Failure(what + " upload exceeds the limit of " + settings.limits().maxUploadBytes() + " bytes"));
        return true;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object evt) {
        if (evt instanceof IdleStateEvent && (state == State.IMAGE_UPLOAD
                || (Route.uploadsBlock(command) && !uploadEnded && state != State.DONE))) {
            long seconds = settings.limits().idleTimeout().toSeconds();
            LOG.warn("{}: refused: client stalled, no data for {} s during the upload for {}", peer(), seconds,
                    chain.name());
            finish(new Failure("upload stalled: no data for " + seconds + " s"));
            return;
        }
        context.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        if (daemon != null && route.replies() == Route.Replies.STREAM) {
            daemon.config().setAutoRead(context.channel().isWritable());
        }
        context.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        if (state != State.DONE) {
            if (state == State.IMAGE_UPLOAD || (Route.uploadsBlock(command) && !uploadEnded)) {
                LOG.warn("{}: client went away during the upload for {}", peer(), chain.name());
            }
            state = State.DONE;
        }
        if (daemon != null) {
            daemon.close();
        }
        context.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        // The client's connection failed (reset, TLS error): closing it also closes the daemon connection.
        LOG.debug("{}: {}", peer(), cause.toString());
        context.close();
    }

    // ---- to and from the daemon ----------------------------------------------------------------------------

    private void connect() {
        state = State.CONNECTING;
        java.nio.file.Path socket = settings.socket(route.daemon());
        new Bootstrap().group(ctx.channel().eventLoop()).channel(EpollDomainSocketChannel.class)
                .handler(new ChannelInitializer<EpollDomainSocketChannel>() {
                    @Override
                    protected void initChannel(EpollDomainSocketChannel ch) {
                        ch.pipeline().addLast("frames", new FrameDecoder(Framing.DEFAULT_MAX_FRAME_BYTES));
                        ch.pipeline().addLast("wire", WireEncoder.INSTANCE);
                        ch.pipeline().addLast("replies", new DaemonReplyHandler(ForwardHandler.this));
                    }
                })
                .connect(new DomainSocketAddress(socket.toFile())).addListener((ChannelFutureListener) f -> {
                    if (state == State.DONE) {
                        f.channel().close();
                    } else if (!f.isSuccess()) {
                        LOG.warn("{}: failed to connect to {}: {}", peer(), socket, f.cause().getMessage());
                        finish(new Failure("couldn't reach service"));
                    } else {
                        daemon = f.channel();
                        connected();
                    }
                });
    }

    private void connected() {
        if (route.daemon() == Route.Daemon.VMMD && !chain.policies().isEmpty()) {
            state = State.POLICIES;
            sendPolicy();
        } else {
            sendCommand();
        }
    }

    private void sendPolicy() {
        ChainPolicy p = chain.policies().get(policiesSent++);
        Header header = Header.of(settings.sequence().getAndIncrement(), p.path().asName());
        daemon.writeAndFlush(new Wire(header, new PolicyCmd.Add(p.policy())));
    }

    private void sendCommand() {
        Header header = Header.of(settings.sequence().getAndIncrement(), chain.name());
        commandSent = System.nanoTime();
        daemon.writeAndFlush(new Wire(header, command));
        if (Route.uploadsBlock(command)) {
            state = State.BLOCK_UPLOAD;
            while (!queued.isEmpty() && state == State.BLOCK_UPLOAD) {
                toDaemon(queued.poll());
            }
            queuedBytes = 0;
            ctx.channel().config().setAutoRead(true);
        } else {
            state = State.REPLIES;
        }
    }

    @Override
    public void daemonWire(Wire wire) {
        switch (state) {
            case POLICIES -> {
                if (!(wire.payload() instanceof Success)) {
                    String msg = "expected success when adding policy, got: " + describe(wire);
                    LOG.warn("{}: error while applying policies {}", peer(), msg);
                    finish(new Failure(msg));
                } else if (policiesSent < chain.policies().size()) {
                    sendPolicy();
                } else {
                    sendCommand();
                }
            }
            case BLOCK_UPLOAD, REPLIES -> reply(wire);
            case IMAGE_UPLOAD, CONNECTING, DONE -> {
                // Nothing is expected from the daemon here; a message now is ignored like Albatross would.
            }
        }
    }

    private void reply(Wire wire) {
        if (route.replies() == Route.Replies.SINGLE) {
            finish(wire.payload());
            return;
        }
        if (wire.payload() instanceof Data.BlockData data && data.chunk().isEmpty()) {
            finish(wire.payload());
            return;
        }
        // Read and dump replies are relayed with the certificate's version, the rest of the header as sent.
        ctx.writeAndFlush(new Wire(wire.header().withVersion(chain.version()), wire.payload()));
        if (!ctx.channel().isWritable()) {
            daemon.config().setAutoRead(false);
        }
    }

    @Override
    public void daemonUnreadable(String why) {
        LOG.debug("{}: unreadable message from the daemon: {}", peer(), why);
        daemonFailed();
    }

    @Override
    public void daemonClosed() {
        daemonFailed();
    }

    private void daemonFailed() {
        switch (state) {
            case POLICIES -> {
                LOG.warn("{}: error while applying policies: read error after writing policy", peer());
                finish(new Failure("read error after writing policy"));
            }
            case BLOCK_UPLOAD, REPLIES -> finish(new Failure(route.replies() == Route.Replies.SINGLE
                    ? "error reading from fd" : "exception while reading from fd"));
            case CONNECTING -> finish(new Failure("couldn't reach service"));
            case IMAGE_UPLOAD, DONE -> {
                // Not connected yet, or already answered.
            }
        }
    }

    @Override
    public void daemonWritable(boolean writable) {
        if (state == State.BLOCK_UPLOAD) {
            ctx.channel().config().setAutoRead(writable);
        }
    }

    /** Sends the last message (spec §11 step 8) and closes both connections. */
    private void finish(Payload payload) {
        if (state == State.DONE) {
            return;
        }
        state = State.DONE;
        daemonDone = System.nanoTime();
        if (commandSent == 0) {
            commandSent = daemonDone;
        }
        if (daemon != null) {
            daemon.close();
        }
        Wire last = new Wire(new Header(chain.version(), 0, chain.name()), payload);
        ctx.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
        settings.timings().accept(new EndpointTimings(accepted, handshake, commandSent, daemonDone,
                System.nanoTime()));
    }

    private static String describe(Wire wire) {
        Payload p = wire.payload();
        String what = p instanceof Failure f ? "failure: " + f.message()
                : p.payloadKind().name().toLowerCase(Locale.ROOT);
        return "[" + wire.header().name() + "] " + what;
    }

    private String peer() {
        return String.valueOf(ctx.channel().remoteAddress());
    }
}
