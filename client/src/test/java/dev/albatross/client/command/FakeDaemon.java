package dev.albatross.client.command;

import dev.albatross.protocol.vectors.VectorCorpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A stand-in for the daemons that replays one recorded exchange over real Unix sockets under
 * {@code <tmpdir>/util/}: for each recorded connection it reads what the client sends where the client spoke and
 * writes the recorded replies where the daemon spoke, then closes, as the daemons do after a command. What the
 * client sent is kept for comparison; a raw chunk stream is read whole, up to its zero-length end.
 */
final class FakeDaemon implements AutoCloseable {
    /** One frame the client sent: a message, a raw chunk, or the end of a raw stream (empty payload). */
    record Received(int conn, String socket, byte[] payload, boolean raw) {
    }

    private final List<ServerSocketChannel> servers = new ArrayList<>();
    private final List<CompletableFuture<List<Received>>> serving = new ArrayList<>();

    private FakeDaemon() {
    }

    static FakeDaemon replay(Path tmpdir, List<VectorCorpus.Frame> frames) throws IOException {
        FakeDaemon d = new FakeDaemon();
        Files.createDirectories(tmpdir.resolve("util"));
        Map<String, Map<Integer, List<VectorCorpus.Frame>>> bySocket = new LinkedHashMap<>();
        for (VectorCorpus.Frame f : frames) {
            bySocket.computeIfAbsent(f.socket(), s -> new LinkedHashMap<>())
                    .computeIfAbsent(f.conn(), c -> new ArrayList<>()).add(f);
        }
        for (var entry : bySocket.entrySet()) {
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(tmpdir.resolve("util").resolve(entry.getKey() + ".sock")));
            d.servers.add(server);
            Map<Integer, List<VectorCorpus.Frame>> conns = entry.getValue();
            d.serving.add(CompletableFuture.supplyAsync(() -> serve(server, entry.getKey(), conns)));
        }
        return d;
    }

    private static List<Received> serve(ServerSocketChannel server, String socket,
                                        Map<Integer, List<VectorCorpus.Frame>> conns) {
        List<Received> received = new ArrayList<>();
        try {
            for (var conn : conns.entrySet()) {
                try (SocketChannel ch = server.accept()) {
                    InputStream in = Channels.newInputStream(ch);
                    OutputStream out = Channels.newOutputStream(ch);
                    replayConnection(conn.getKey(), socket, conn.getValue(), in, out, received);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return received;
    }

    private static void replayConnection(int conn, String socket, List<VectorCorpus.Frame> frames, InputStream in,
                                         OutputStream out, List<Received> received) throws IOException {
        boolean inRaw = false;
        for (VectorCorpus.Frame f : frames) {
            if (f.dir().equals("s2c")) {
                out.write(prefix(f.length()));
                out.write(f.payload());
                out.flush();
                continue;
            }
            boolean raw = !f.isWire();
            if (raw) {
                if (!inRaw) {
                    inRaw = true;
                    // The client's chunking may differ (compression): read its whole stream at once.
                    while (true) {
                        byte[] chunk = readFrame(in);
                        if (chunk == null) {
                            return;
                        }
                        received.add(new Received(conn, socket, chunk, true));
                        if (chunk.length == 0) {
                            break;
                        }
                    }
                }
                continue;
            }
            byte[] message = readFrame(in);
            if (message == null) {
                return;
            }
            received.add(new Received(conn, socket, message, false));
        }
    }

    /** One frame's payload; empty for a length {@code <= 0}; null at the end of the stream. */
    private static byte[] readFrame(InputStream in) throws IOException {
        byte[] len = in.readNBytes(4);
        if (len.length < 4) {
            return null;
        }
        int n = ((len[0] & 0xFF) << 24) | ((len[1] & 0xFF) << 16) | ((len[2] & 0xFF) << 8) | (len[3] & 0xFF);
        if (n <= 0) {
            return new byte[0];
        }
        return in.readNBytes(n);
    }

    private static byte[] prefix(int length) {
        return new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
    }

    /** Everything the client sent, per socket in recorded order. */
    List<Received> received() throws InterruptedException, ExecutionException, TimeoutException {
        List<Received> all = new ArrayList<>();
        for (var f : serving) {
            all.addAll(f.get(30, TimeUnit.SECONDS));
        }
        return all;
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        for (ServerSocketChannel s : servers) {
            s.close();
        }
    }
}
