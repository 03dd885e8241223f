package dev.albatross.client.command;

import dev.albatross.client.ExitCode;
import dev.albatross.client.output.Hexdump;
import dev.albatross.client.transport.ChunkStream;
import dev.albatross.client.transport.Connection;
import dev.albatross.client.transport.Endpoint;
import dev.albatross.client.transport.LocalConnector;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.Failure;
import dev.albatross.protocol.wire.Header;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.wire.WireCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A command to a local daemon over its Unix socket ({@code connect_local}): header {version 5, sequence 0,
 * name}, the command, the upload if any, then the replies.
 */
final class Local {
    private final Session session;

    Local(Session session) {
        this.session = session;
    }

    ExitCode run(Command command, Name name, Optional<Session.Upload> upload, Optional<String> socket) {
        Endpoint endpoint = Endpoint.of(command);
        Wire wire = new Wire(Header.of(0, name), command);
        if (socket.isPresent() && socket.get().equals("-")) {
            byte[] der = WireCodec.encode(wire);
            session.log.app(p -> p.text("out:").newline().text(Hexdump.of(der)));
            return ExitCode.COMMUNICATION_FAILURE;
        }
        Optional<Connection> opened = open(endpoint, socket);
        if (opened.isEmpty()) {
            return ExitCode.CONNECT_FAILURE;
        }
        Connection connection = opened.get();
        try {
            try {
                connection.send(wire);
            } catch (IOException e) {
                session.log.error("exception " + Errno.describe(e, "send") + " while writing");
                return ExitCode.COMMUNICATION_FAILURE;
            }
            upload.ifPresent(u -> send(connection, name, u));
            return new ReplyLoop(session.log, session.files).run(connection, endpoint.mode());
        } finally {
            Errno.closeQuietly(connection);
        }
    }

    /** Connects to the command's socket, or says why not (as Albatross: a warning, then an error). */
    Optional<Connection> open(Endpoint endpoint, Optional<String> socket) {
        Path path = socket.map(session.env::resolve)
                .orElseGet(() -> LocalConnector.socketPath(session.tmpdir(), endpoint.service()));
        try {
            return Optional.of(LocalConnector.connect(path));
        } catch (IOException e) {
            session.log.warn("error " + Errno.describe(e, "connect") + " connecting to socket unix domain socket "
                    + path);
            session.log.error("couldn't connect to unix domain socket " + path);
            return Optional.empty();
        }
    }

    /** {@code one_jump}: sends the command and reads one reply; empty if that failed (and was reported). */
    Optional<Wire> exchange(Command command, Name name, Optional<String> socket) {
        Optional<Connection> opened = open(Endpoint.of(command), socket);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        try {
            opened.get().send(new Wire(Header.of(0, name), command));
            return ReplyLoop.readOne(opened.get(), session.log);
        } catch (IOException e) {
            session.log.error("exception " + Errno.describe(e, "send") + " while writing");
            return Optional.empty();
        } finally {
            Errno.closeQuietly(opened.get());
        }
    }

    /**
     * Sends the upload. If the file cannot be read, the daemon gets a {@code Failure} instead of the end of the
     * stream, as Albatross does. If the daemon stops reading (it refused the command), the reply says why: we
     * read it instead of dying of SIGPIPE as Albatross's client does (vector 030).
     */
    static void send(Connection connection, Name name, Session.Upload upload) {
        try (InputStream in = Files.newInputStream(upload.file())) {
            ChunkStream.Outcome outcome = ChunkStream.send(connection, in, upload.level());
            if (outcome instanceof ChunkStream.Outcome.FileFailed f) {
                connection.send(new Wire(Header.of(0, name), new Failure(String.valueOf(f.cause().getMessage()))));
            }
        } catch (IOException e) {
            // Opening the file failed (it was checked before) or the failure message could not be sent; either
            // way the reply, if any, tells the outcome.
            return;
        }
    }
}
