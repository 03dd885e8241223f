package dev.albatross.daemon.unix;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.DomainSocketChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listening Unix stream socket (spec §1): created at {@code path} (a stale file is removed first; mode
 * 0660 so the {@code albatross} group can connect), or taken over from systemd.
 */
public final class UnixServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UnixServer.class);

    private final Path path;
    private final Channel channel;
    private final boolean owned;

    private UnixServer(Path path, Channel channel, boolean owned) {
        this.path = path;
        this.channel = channel;
        this.owned = owned;
    }

    /** Listens on {@code path}, or on the inherited descriptor {@code inherited}. */
    public static UnixServer listen(EventLoopGroup group, Path path, Optional<Integer> inherited,
            ChannelInitializer<DomainSocketChannel> initializer) throws IOException {
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).childHandler(initializer);
        try {
            if (inherited.isPresent()) {
                bootstrap.channelFactory(() -> new EpollServerDomainSocketChannel(inherited.get(), true));
                Channel ch = bootstrap.register().sync().channel();
                LOG.info("listening on inherited socket fd {} ({})", inherited.get(), path);
                return new UnixServer(path, ch, false);
            }
            Files.createDirectories(path.getParent());
            Files.deleteIfExists(path);
            bootstrap.channel(EpollServerDomainSocketChannel.class);
            Channel ch = bootstrap.bind(new DomainSocketAddress(path.toFile())).sync().channel();
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
            LOG.info("listening on {}", path);
            return new UnixServer(path, ch, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding " + path, e);
        } catch (RuntimeException e) {
            throw new IOException("unable to create server socket " + path + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    /** Stops accepting; established connections stay. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        if (owned) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                LOG.warn("could not remove socket {}: {}", path, e.toString());
            }
        }
    }
}
