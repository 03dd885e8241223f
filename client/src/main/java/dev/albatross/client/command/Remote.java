package dev.albatross.client.command;

import dev.albatross.client.CliError;
import dev.albatross.client.ExitCode;
import dev.albatross.client.cert.KeyMatch;
import dev.albatross.client.cert.LeafCertificate;
import dev.albatross.client.cert.Pem;
import dev.albatross.client.cert.TrustCheck;
import dev.albatross.client.output.Log;
import dev.albatross.client.transport.Connection;
import dev.albatross.client.transport.Endpoint;
import dev.albatross.client.transport.TlsConnector;
import dev.albatross.client.transport.TlsFailure;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.Wire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A command to {@code albatross-tls-endpoint} ({@code connect_remote}, spec §10.1, §11): a one-shot leaf made
 * with {@code --ca}/{@code --ca-key}, our chain checked against {@code --server-ca} before connecting, the
 * server's chain checked against it during the handshake (and its host name, when {@code --destination} names
 * one), then the replies.
 */
final class Remote {
    private final Session session;

    Remote(Session session) {
        this.session = session;
    }

    ExitCode run(Command command, Name name, Optional<Session.Upload> upload, Destination.Remote destination) {
        LeafCertificate.Ca ca = readCa(session.env.resolve(session.target.ca),
                session.env.resolve(session.target.caKey));
        String cn = Session.certificateName(command, name);
        LeafCertificate.Result made = LeafCertificate.create(ca, session.target.keyType, cn, command,
                session.env.clock().instant(), session.env.random());
        if (made instanceof LeafCertificate.Result.Refused refused) {
            session.log.error("couldn't generate certificate chain: " + refused.reason());
            return ExitCode.CLI_ERROR;
        }
        LeafCertificate.Chain chain = ((LeafCertificate.Result.Made) made).chain();
        return connectAndRun(session, chain, destination, Endpoint.of(command).mode(), upload, name);
    }

    /** Reads a certificate file (leaf first, then its chain) and its key, as {@code read_cert_key}. */
    static LeafCertificate.Ca readCa(Path certFile, Path keyFile) {
        PrivateKey key;
        try {
            key = Pem.privateKey(read(keyFile));
        } catch (IOException e) {
            throw new CliError(keyFile + ": " + e.getMessage());
        }
        List<X509Certificate> certs;
        try {
            certs = Pem.certificates(read(certFile));
        } catch (IOException e) {
            throw new CliError(certFile + ": " + e.getMessage());
        }
        return new LeafCertificate.Ca(certs.get(0), certs.subList(1, certs.size()), key);
    }

    static String read(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new IOException("No such file or directory", e);
        }
    }

    static ExitCode connectAndRun(Session session, LeafCertificate.Chain chain, Destination.Remote destination,
                                  Endpoint.ReplyMode mode, Optional<Session.Upload> upload, Name name) {
        Opened opened = open(session, chain, destination);
        if (opened instanceof Opened.Stopped stopped) {
            return stopped.exit();
        }
        Connection connection = ((Opened.Connected) opened).connection();
        try {
            upload.ifPresent(u -> Local.send(connection, name, u));
            return new ReplyLoop(session.log, session.files).run(connection, mode);
        } finally {
            Errno.closeQuietly(connection);
        }
    }

    /** A TLS connection, or the exit status of why there is none (already reported). */
    sealed interface Opened {
        record Connected(Connection connection) implements Opened {
        }

        record Stopped(ExitCode exit) implements Opened {
        }
    }

    /** {@code connect_remote}: checks our chain, then connects (or prints the chain for {@code -d -}). */
    static Opened open(Session session, LeafCertificate.Chain chain, Destination.Remote destination) {
        Log log = session.log;
        if (!KeyMatch.matches(chain.key(), chain.leaf().getPublicKey())) {
            log.error("Public key of certificate doesn't match private key");
            return new Opened.Stopped(ExitCode.CLI_ERROR);
        }
        List<X509Certificate> serverCas;
        Path serverCaFile = session.env.resolve(session.target.serverCa);
        try {
            serverCas = Pem.certificates(read(serverCaFile));
        } catch (IOException e) {
            throw new CliError("option '--server-ca': " + serverCaFile + ": " + e.getMessage());
        }
        Optional<String> problem = TrustCheck.problem(chain.certificates(), serverCas,
                session.env.clock().instant());
        if (problem.isPresent()) {
            log.error("TLS validation error of provided certificate chain: " + problem.get());
            return new Opened.Stopped(ExitCode.CHAIN_FAILURE);
        }
        if (destination.host().equals("-")) {
            List<X509Certificate> intermediates = chain.certificates().subList(1, chain.certificates().size());
            log.app(p -> p.text("intermediate:").newline()
                    .text(intermediates.stream().map(Pem::certificate).collect(Collectors.joining("\n\n")))
                    .newline().text("leaf:").newline().text(Pem.certificate(chain.leaf())));
            return new Opened.Stopped(ExitCode.COMMUNICATION_FAILURE);
        }
        // Our addition: Albatross checks no host name; we check it whenever one is given.
        Optional<String> checkHost = HostPort.isIp(destination.host()) ? Optional.empty()
                : Optional.of(destination.host());
        try {
            return new Opened.Connected(TlsConnector.connect(new TlsConnector.Target(destination.host(),
                    destination.port(), serverCas, checkHost), chain.key(), chain.certificates(),
                    session.env.clock(), session.env.random()));
        } catch (TlsFailure e) {
            return new Opened.Stopped(tlsFailure(log, e));
        } catch (IOException e) {
            log.error("connect failed with " + e.getMessage());
            return new Opened.Stopped(ExitCode.CONNECT_FAILURE);
        }
    }

    /** {@code one_jump} remotely: a one-shot leaf for the command, then exactly one reply. */
    Optional<Wire> exchange(Command command, Name name, Destination.Remote destination) {
        LeafCertificate.Ca ca = readCa(session.env.resolve(session.target.ca),
                session.env.resolve(session.target.caKey));
        LeafCertificate.Result made = LeafCertificate.create(ca, session.target.keyType,
                Session.certificateName(command, name), command, session.env.clock().instant(),
                session.env.random());
        if (made instanceof LeafCertificate.Result.Refused refused) {
            session.log.error("couldn't generate certificate chain: " + refused.reason());
            return Optional.empty();
        }
        Opened opened = open(session, ((LeafCertificate.Result.Made) made).chain(), destination);
        if (opened instanceof Opened.Connected c) {
            try {
                return ReplyLoop.readOne(c.connection(), session.log);
            } finally {
                Errno.closeQuietly(c.connection());
            }
        }
        return Optional.empty();
    }

    /** {@code classify_tls_error}: whose certificate was refused decides the exit status. */
    static ExitCode tlsFailure(Log log, TlsFailure e) {
        return switch (e.kind()) {
            case LOCAL_AUTHENTICATION -> {
                log.error("local authentication failure " + e.getMessage());
                yield ExitCode.LOCAL_AUTHENTICATION_FAILURE;
            }
            case REMOTE_AUTHENTICATION -> {
                log.error("remote authentication failure " + e.getMessage());
                yield ExitCode.REMOTE_AUTHENTICATION_FAILURE;
            }
            case OTHER -> {
                log.error("failed to establish TLS connection: " + e.getMessage());
                yield ExitCode.COMMUNICATION_FAILURE;
            }
        };
    }
}
