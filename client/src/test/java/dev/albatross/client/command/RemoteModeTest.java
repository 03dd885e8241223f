package dev.albatross.client.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.albatross.client.ClientRun;
import dev.albatross.client.transport.TlsTestServer;
import dev.albatross.client.transport.Zlib;
import dev.albatross.protocol.der.Decoded;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.vectors.VectorCorpus;
import dev.albatross.protocol.wire.Failure;
import dev.albatross.protocol.wire.Header;
import dev.albatross.protocol.wire.Payload;
import dev.albatross.protocol.wire.Success;
import dev.albatross.protocol.wire.UnikernelCmd;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.x509.CertExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.bouncycastle.asn1.ASN1OctetString;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote mode end to end over TLS on loopback, against {@link TlsTestServer} (JDK TLS 1.3, client certificates
 * required and checked): certificates made by our own {@code generate}, {@code --csr} and {@code sign}.
 */
class RemoteModeTest {
    @TempDir
    Path dir;

    private ClientRun.Setup setup;

    @BeforeEach
    void makeCertificates() {
        setup = ClientRun.Setup.in(dir);
        ok(run("generate", "ca", "db", "--server", "localhost"));
        ok(run("add-policy", "user", "4", "--mem=128", "--cpu=0", "--cpu=1", "--bridge=albr0", "--block=10",
                "--csr"));
        ok(run("sign", "cacert.pem", "db", "ca.key", "user.req"));
    }

    private ClientRun run(String... args) {
        return ClientRun.run(setup, args);
    }

    private static void ok(ClientRun r) {
        assertEquals(0, r.code(), r.toString());
    }

    /** Answers like the endpoint: the reply's name is the CA's CN as path, the leaf's CN as label. */
    private static Function<List<X509Certificate>, List<Wire>> answer(Payload payload) {
        return chain -> List.of(new Wire(Header.of(0, Name.parse("user:" + cn(chain.get(0)))), payload));
    }

    private static String cn(X509Certificate c) {
        return c.getSubjectX500Principal().getName().replace("CN=", "");
    }

    private TlsTestServer server(Path cert, Path key, Path ca, Instant now, Payload reply) throws Exception {
        return TlsTestServer.start(cert, key, ca, now, answer(reply));
    }

    @Test
    void createsRemotelyWithAOneShotLeafSignedByTheDelegatedCa() throws Exception {
        Path image = VectorCorpus.image("hello.hvt");
        assumeTrue(Files.exists(image), "needs the corpus images: " + image);
        try (TlsTestServer s = server(dir.resolve("localhost.pem"), dir.resolve("localhost.key"),
                dir.resolve("cacert.pem"), Instant.now(), new Success.Message("created unikernel"))) {
            ClientRun r = run("create", "hello", image.toString(), "--arg=Hello_Solo5", "--mem=16",
                    "--destination=127.0.0.1:" + s.port(), "--server-ca=cacert.pem", "--ca=user.pem",
                    "--ca-key=user.key");
            assertEquals("host [unikernel: user:hello]: success: created unikernel\n", r.output(), r.toString());
            assertEquals(0, r.code());
            List<X509Certificate> chain = s.received();
            assertEquals(2, chain.size(), "leaf and the user CA");
            X509Certificate leaf = chain.get(0);
            assertEquals("CN=hello", leaf.getSubjectX500Principal().getName());
            assertEquals("CN=user", leaf.getIssuerX500Principal().getName());
            assertEquals(Duration.ofSeconds(310), Duration.between(leaf.getNotBefore().toInstant(),
                    leaf.getNotAfter().toInstant()));
            byte[] ext = ASN1OctetString.getInstance(leaf.getExtensionValue(CertExtension.OID.getId())).getOctets();
            Decoded<CertExtension.Value> v = CertExtension.decode(ext);
            UnikernelCmd.Create create = (UnikernelCmd.Create) v.orElseThrow().command();
            assertTrue(create.config().compressed(), "remote images are compressed at level 9");
            assertArrayEquals(Files.readAllBytes(image), Zlib.uncompress(create.config().image().toByteArray()));
            assertEquals(16, create.config().memoryMb());
        }
    }

    @Test
    void checksTheServersHostNameWhenTheDestinationNamesAHost() throws Exception {
        try (TlsTestServer s = server(dir.resolve("localhost.pem"), dir.resolve("localhost.key"),
                dir.resolve("cacert.pem"), Instant.now(), new Success.Message("destroyed unikernel"))) {
            ClientRun r = run("destroy", "hello", "--destination=localhost:" + s.port(), "--server-ca=cacert.pem",
                    "--ca=user.pem", "--ca-key=user.key");
            assertEquals("host [unikernel: user:hello]: success: destroyed unikernel\n", r.output(), r.toString());
        }
        ok(run("generate", "ca", "db", "--server", "elsewhere.example"));
        try (TlsTestServer s = server(dir.resolve("elsewhere.example.pem"), dir.resolve("elsewhere.example.key"),
                dir.resolve("cacert.pem"), Instant.now(), new Success.Message("destroyed unikernel"))) {
            ClientRun wrongName = run("destroy", "hello", "--destination=localhost:" + s.port(),
                    "--server-ca=cacert.pem", "--ca=user.pem", "--ca-key=user.key");
            assertEquals(120, wrongName.code(), wrongName.toString());
            assertTrue(wrongName.out().startsWith("albatross-client: [ERROR] remote authentication failure "),
                    wrongName.toString());
            assertTrue(wrongName.out().contains("not for localhost"), wrongName.toString());
        }
        try (TlsTestServer s = server(dir.resolve("elsewhere.example.pem"), dir.resolve("elsewhere.example.key"),
                dir.resolve("cacert.pem"), Instant.now(), new Success.Message("destroyed unikernel"))) {
            ClientRun byAddress = run("destroy", "hello", "--destination=127.0.0.1:" + s.port(),
                    "--server-ca=cacert.pem", "--ca=user.pem", "--ca-key=user.key");
            assertEquals(0, byAddress.code(), "no host name to check for an address: " + byAddress);
        }
    }

    @Test
    void reportsAFailureReplyWith117() throws Exception {
        try (TlsTestServer s = server(dir.resolve("localhost.pem"), dir.resolve("localhost.key"),
                dir.resolve("cacert.pem"), Instant.now(), new Failure("destroy: not found"))) {
            ClientRun r = run("destroy", "hello", "--destination=127.0.0.1:" + s.port(), "--server-ca=cacert.pem",
                    "--ca=user.pem", "--ca-key=user.key");
            assertEquals("albatross-client: [WARNING] host [unikernel: user:hello]: command failed destroy: not "
                    + "found\n", r.output());
            assertEquals(117, r.code());
        }
    }

    @Test
    void refusesAServerCertificateFromAnotherCaWith120() throws Exception {
        Path other = Files.createDirectories(dir.resolve("other"));
        ok(ClientRun.run(ClientRun.Setup.in(other), "generate", "ca", "db"));
        try (TlsTestServer s = server(other.resolve("server.pem"), other.resolve("server.key"),
                dir.resolve("cacert.pem"), Instant.now(), new Success.Empty())) {
            ClientRun r = run("info", "--destination=127.0.0.1:" + s.port(), "--server-ca=cacert.pem",
                    "--ca=user.pem", "--ca-key=user.key");
            assertEquals(120, r.code(), r.toString());
        }
    }

    @Test
    void reportsTheServerRefusingOurCertificateWith119() throws Exception {
        Path other = Files.createDirectories(dir.resolve("other"));
        ok(ClientRun.run(ClientRun.Setup.in(other), "generate", "ca", "db"));
        // The server trusts only its own CA, not ours; our client trusts the server (same CA as its server cert).
        try (TlsTestServer s = server(other.resolve("server.pem"), other.resolve("server.key"),
                other.resolve("cacert.pem"), Instant.now(), new Success.Empty())) {
            Files.copy(other.resolve("cacert.pem"), dir.resolve("servers-ca.pem"));
            Files.writeString(dir.resolve("both.pem"), Files.readString(dir.resolve("cacert.pem"))
                    + Files.readString(other.resolve("cacert.pem")));
            ClientRun r = run("info", "--destination=127.0.0.1:" + s.port(), "--server-ca=both.pem",
                    "--ca=user.pem", "--ca-key=user.key");
            assertEquals(119, r.code(), r.toString());
            assertTrue(r.out().startsWith("albatross-client: [ERROR] local authentication failure "), r.toString());
        }
    }

    @Test
    void refusesToConnectWithAChainTheServerCaDoesNotSignWith116() {
        Path other = dir.resolve("other");
        ok(ClientRun.run(ClientRun.Setup.in(uncheckedCreate(other)), "generate", "ca", "db"));
        ClientRun r = run("info", "--destination=127.0.0.1:1", "--server-ca=other/cacert.pem", "--ca=user.pem",
                "--ca-key=user.key");
        assertEquals(116, r.code(), r.toString());
        assertTrue(r.out().startsWith("albatross-client: [ERROR] TLS validation error of provided certificate "
                + "chain: "), r.toString());
    }

    @Test
    void reportsARefusedConnectionWith122() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ClientRun r = run("info", "--destination=127.0.0.1:" + port, "--server-ca=cacert.pem", "--ca=user.pem",
                "--ca-key=user.key");
        assertEquals(122, r.code(), r.toString());
        assertTrue(r.out().startsWith("albatross-client: [ERROR] connect failed with "), r.toString());
    }

    @Test
    void printsTheChainForDestinationDashWith121() {
        ClientRun r = run("info", "--destination=-", "--server-ca=cacert.pem", "--ca=user.pem", "--ca-key=user.key");
        assertEquals(121, r.code(), r.toString());
        assertTrue(r.out().startsWith("intermediate:\n-----BEGIN CERTIFICATE-----\n"), r.toString());
        assertTrue(r.out().contains("\nleaf:\n-----BEGIN CERTIFICATE-----\n"), r.toString());
    }

    private static Path uncheckedCreate(Path p) {
        try {
            return Files.createDirectories(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
