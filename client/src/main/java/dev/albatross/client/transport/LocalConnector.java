package dev.albatross.client.transport;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** Connects to a daemon's Unix socket ({@code <tmpdir>/util/<service>.sock}, or {@code --socket}). */
public final class LocalConnector {
    private LocalConnector() {
    }

    /** The socket of {@code service} under {@code tmpdir}. */
    public static Path socketPath(Path tmpdir, Endpoint.Service service) {
        return tmpdir.resolve("util").resolve(service.socketFile());
    }

    public static Connection connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        // Channel streams serialise reads and writes on the channel's lock; the client never does both at once.
        return new Connection(Channels.newInputStream(channel), Channels.newOutputStream(channel), channel);
    }
}
