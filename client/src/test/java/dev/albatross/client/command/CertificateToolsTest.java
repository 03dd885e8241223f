package dev.albatross.client.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.albatross.client.ClientRun;
import dev.albatross.client.cert.Pem;
import dev.albatross.client.transport.TlsTestServer;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.vectors.VectorCorpus;
import dev.albatross.protocol.wire.Header;
import dev.albatross.protocol.wire.Success;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.x509.CertExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate}, {@code --csr} and {@code sign} make certificates shaped like Albatross's (the recorded sets in
 * ../shared/vectors/certs: subjects, extensions in order with their criticality and values, validity lengths);
 * the recorded requests sign with the recorded keys; prepared recorded chains run with {@code certificate}.
 * The recorded certificates are valid around 2026-11-22 only, so every run here has its clock set then.
 */
class CertificateToolsTest {
    /** When the recorded sets were valid. */
    static final Instant RECORDED = Instant.parse("2026-11-22T23:30:00Z");

    @TempDir
    Path dir;

    @BeforeAll
    static void corpusIsThere() {
        assumeTrue(VectorCorpus.present(), "needs ../shared/vectors beside the checkout: " + VectorCorpus.root());
    }

    static Path certs(String set) {
        return VectorCorpus.root().resolve("certs").resolve(set);
    }

    static JsonNode recorded(String set, String file) {
        return VectorCorpus.read(certs(set).resolve("certs.json")).path("files").path(file).path("certificates");
    }

    /** The extension OIDs of a certificate, in encoding order, with criticality. */
    static List<String> extensions(X509Certificate c) throws Exception {
        List<String> out = new ArrayList<>();
        X509CertificateHolder h = new X509CertificateHolder(c.getEncoded());
        for (Object oid : h.getExtensions().getExtensionOIDs()) {
            Extension e = h.getExtension((org.bouncycastle.asn1.ASN1ObjectIdentifier) oid);
            out.add(e.getExtnId().getId() + (e.isCritical() ? " critical" : ""));
        }
        return out;
    }

    static List<String> extensions(JsonNode recordedCert) {
        List<String> out = new ArrayList<>();
        recordedCert.path("extensions").forEach(e -> out.add(e.path("oid").asText()
                + (e.path("critical").asBoolean() ? " critical" : "")));
        return out;
    }

    static Duration validity(X509Certificate c) {
        return Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant());
    }

    static Duration validity(JsonNode c) {
        return Duration.between(Instant.parse(c.path("not_before").asText().replace("+00:00", "Z")),
                Instant.parse(c.path("not_after").asText().replace("+00:00", "Z")));
    }

    static List<X509Certificate> read(Path pem) throws Exception {
        return Pem.certificates(Files.readString(pem, StandardCharsets.US_ASCII));
    }

    private void assertShaped(X509Certificate ours, JsonNode theirs) throws Exception {
        assertEquals(theirs.path("subject").asText(), ours.getSubjectX500Principal().getName());
        assertEquals(theirs.path("issuer").asText(), ours.getIssuerX500Principal().getName());
        assertEquals(extensions(theirs), extensions(ours));
        assertEquals(validity(theirs), validity(ours));
        // Byte-level values of the profile's extensions (key usage with nine bits, as ocaml-x509 writes it).
        String theirDer = theirs.path("der_hex").asText();
        X509CertificateHolder h = new X509CertificateHolder(ours.getEncoded());
        for (String oid : List.of("2.5.29.15", "2.5.29.19", "2.5.29.37")) {
            Extension e = h.getExtension(new org.bouncycastle.asn1.ASN1ObjectIdentifier(oid));
            if (e != null) {
                String value = HexFormat.of().formatHex(e.getExtnValue().getOctets());
                assertTrue(theirDer.contains(value), oid + " value " + value + " as recorded");
            }
        }
    }

    @Test
    void generateMakesACaAndAServerCertificateLikeAlbatross() throws Exception {
        ClientRun r = ClientRun.run(ClientRun.Setup.in(dir).at(RECORDED), "generate", "ca", "db");
        assertEquals(0, r.code(), r.toString());
        assertEquals("", r.output());
        assertShaped(read(dir.resolve("cacert.pem")).get(0), recorded("ca", "cacert.pem").get(0));
        assertShaped(read(dir.resolve("server.pem")).get(0), recorded("ca", "server.pem").get(0));
        String db = Files.readString(dir.resolve("db"));
        assertTrue(db.matches("[0-9a-f]{20,22} server\n"), db);
        assertEquals("r--------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("ca.key"))));
    }

    @Test
    void signsTheRecordedPolicyRequestWithTheRecordedCaKeyLikeAlbatross() throws Exception {
        Files.copy(certs("csr-policy-user").resolve("user.req"), dir.resolve("user.req"));
        ClientRun r = ClientRun.run(ClientRun.Setup.in(dir).at(RECORDED), "sign",
                certs("ca").resolve("cacert.pem").toString(), "db", certs("ca").resolve("ca.key").toString(),
                "user.req");
        assertEquals("signing certificate with subject /CN=user\nsigning policy add policy: 4 unikernels 0,1 "
                + "CPUids 128 MB memory 10 MB block, bridges: albr0\n", r.output());
        assertEquals(0, r.code());
        X509Certificate ours = read(dir.resolve("user.pem")).get(0);
        JsonNode theirs = recorded("csr-policy-user", "user.pem").get(0);
        assertShaped(ours, theirs);
        assertEquals(theirs.path("albatross_extension").path("extn_value_hex").asText(), HexFormat.of().formatHex(
                ASN1OctetString.getInstance(ours.getExtensionValue(CertExtension.OID.getId())).getOctets()));
    }

    @Test
    void signsTheRecordedCommandRequestsWithTheRecordedDelegatedCa() throws Exception {
        for (String set : List.of("csr-console-hello", "csr-destroy-hello", "csr-create-hello", "csr-restart")) {
            Path work = Files.createDirectories(dir.resolve(set));
            Files.copy(certs(set).resolve("hello.req"), work.resolve("hello.req"));
            ClientRun r = ClientRun.run(ClientRun.Setup.in(work).at(RECORDED), "sign",
                    certs("csr-policy-user").resolve("user.pem").toString(), "db",
                    certs("csr-policy-user").resolve("user.key").toString(), "hello.req");
            assertEquals(0, r.code(), set + ": " + r);
            List<X509Certificate> ours = read(work.resolve("hello.pem"));
            JsonNode theirs = recorded(set, "hello.pem");
            assertEquals(theirs.size(), ours.size(), set + ": the leaf, then the user CA");
            assertShaped(ours.get(0), theirs.get(0));
            assertEquals(theirs.get(0).path("albatross_extension").path("extn_value_hex").asText(),
                    HexFormat.of().formatHex(ASN1OctetString.getInstance(ours.get(0).getExtensionValue(
                            CertExtension.OID.getId())).getOctets()), set + ": the command, re-encoded");
            assertEquals(theirs.get(1).path("der_hex").asText(), HexFormat.of().formatHex(ours.get(1).getEncoded()));
        }
    }

    @Test
    void makesRequestsLikeAlbatross() throws Exception {
        ClientRun r = ClientRun.run(ClientRun.Setup.in(dir), "console", "hello", "--count=10", "--csr");
        assertEquals(0, r.code(), r.toString());
        var ours = Pem.request(Files.readString(dir.resolve("hello.req")));
        var theirs = Pem.request(Files.readString(certs("csr-console-hello").resolve("hello.req")));
        assertEquals(theirs.getSubject(), ours.getSubject());
        assertEquals(HexFormat.of().formatHex(theirs.getAttributes()[0].getEncoded()),
                HexFormat.of().formatHex(ours.getAttributes()[0].getEncoded()), "the extension request");
        assertEquals("r--------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("hello.key"))));
        ClientRun noName = ClientRun.run(ClientRun.Setup.in(dir), "info", "--csr");
        assertEquals(124, noName.code(), noName.toString());
    }

    @Test
    void refusesACreateBeyondTheCasPolicyAsVector052() {
        var e = VectorCorpus.exchange("052-tls-policy-too-big");
        ClientRun r = ClientRun.run(ClientRun.Setup.in(dir).at(RECORDED), "create", "big",
                VectorCorpus.image("hello.hvt").toString(), "--mem=128", "--destination=127.0.0.1:1",
                "--server-ca=" + certs("ca").resolve("cacert.pem"),
                "--ca=" + certs("csr-policy-user2-rsa").resolve("user2.pem"),
                "--ca-key=" + certs("csr-policy-user2-rsa").resolve("user2.key"));
        assertEquals(e.clientOutput(), r.output());
        assertEquals(e.exitCode().orElseThrow(), r.code());
    }

    @Test
    void runsAPreparedRecordedCertificateAsVector055() throws Exception {
        var e = VectorCorpus.exchange("055-tls-certificate-create");
        try (TlsTestServer s = TlsTestServer.start(certs("ca").resolve("server.pem"), certs("ca").resolve(
                "server.key"), certs("ca").resolve("cacert.pem"), RECORDED, chain -> List.of(new Wire(
                        Header.of(0, Name.parse("user:hello")), new Success.Message("created unikernel"))))) {
            ClientRun r = ClientRun.run(ClientRun.Setup.in(dir).at(RECORDED), "certificate",
                    certs("csr-create-hello").resolve("hello.pem").toString(),
                    certs("csr-create-hello").resolve("hello.key").toString(), "--destination=127.0.0.1:" + s.port(),
                    "--server-ca=" + certs("ca").resolve("cacert.pem"));
            assertEquals(e.clientOutput(), r.output(), r.toString());
            assertEquals(e.exitCode().orElseThrow(), r.code());
            assertEquals(2, s.received().size());
        }
    }
}
