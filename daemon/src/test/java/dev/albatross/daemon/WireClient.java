package dev.albatross.daemon;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.Framing;
import dev.albatross.protocol.wire.Header;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.wire.WireCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A blocking test client for the daemon's Unix sockets: frames out, frames in. */
public final class WireClient implements AutoCloseable {
    /** How long a read may wait before the test fails instead of hanging. */
    public static final java.time.Duration READ_TIMEOUT = java.time.Duration.ofSeconds(20);
    private static final java.util.concurrent.ScheduledExecutorService WATCHDOG =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "wire-client-watchdog");
                t.setDaemon(true);
                return t;
            });

    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;

    private WireClient(SocketChannel channel) {
        this.channel = channel;
        this.in = Channels.newInputStream(channel);
        this.out = Channels.newOutputStream(channel);
    }

    public static WireClient connect(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        return new WireClient(ch);
    }

    /** One command, one reply, as the stock client does for single commands. */
    public static Wire call(Path socket, Name name, Command command) throws IOException {
        try (WireClient c = connect(socket)) {
            c.send(new Wire(Header.of(0, name), command));
            return c.read().orElseThrow(() -> new IOException("connection closed without a reply"));
        }
    }

    public void send(Wire wire) throws IOException {
        out.write(WireCodec.encodeFramed(wire));
    }

    public void sendRaw(byte[] payload) throws IOException {
        Framing.writeFrame(out, payload, 0, payload.length);
    }

    public void sendEnd() throws IOException {
        Framing.writeEnd(out);
    }

    /** The next message, or empty if the daemon closed the connection (or sent an end marker). */
    public Optional<Wire> read() throws IOException {
        Framing.Frame frame = readFrame();
        if (frame instanceof Framing.Frame.Chunk chunk) {
            return Optional.of(WireCodec.decode(chunk.payload()).orElseThrow());
        }
        return Optional.empty();
    }

    /** The next frame's raw payload, or empty at the end. */
    public Optional<Bytes> readRaw() throws IOException {
        Framing.Frame frame = readFrame();
        return frame instanceof Framing.Frame.Chunk chunk ? Optional.of(chunk.payload()) : Optional.empty();
    }

    /** One frame; a read that takes longer than {@link #READ_TIMEOUT} closes the socket and fails. */
    private Framing.Frame readFrame() throws IOException {
        var watchdog = WATCHDOG.schedule(() -> {
            try {
                channel.close();
            } catch (IOException e) {
                // closing to unblock a hung read; nothing else to do
            }
        }, READ_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
            return Framing.readFrame(in, Framing.DEFAULT_MAX_FRAME_BYTES);
        } catch (java.nio.channels.AsynchronousCloseException e) {
            throw new IOException("no reply within " + READ_TIMEOUT, e);
        } finally {
            watchdog.cancel(false);
        }
    }

    /** Every message until the daemon closes. */
    public List<Wire> readAll() throws IOException {
        List<Wire> all = new ArrayList<>();
        for (Optional<Wire> w = read(); w.isPresent(); w = read()) {
            all.add(w.get());
        }
        return all;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
