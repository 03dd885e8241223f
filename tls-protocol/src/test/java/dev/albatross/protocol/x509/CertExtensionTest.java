package dev.albatross.protocol.x509;

import static dev.albatross.protocol.vectors.HandDer.NULL;
import static dev.albatross.protocol.vectors.HandDer.ctx;
import static dev.albatross.protocol.vectors.HandDer.integer;
import static dev.albatross.protocol.vectors.HandDer.seq;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.protocol.der.DecodeError;
import dev.albatross.protocol.der.Decoded;
import dev.albatross.protocol.gen.ForAll;
import dev.albatross.protocol.gen.Gen;
import dev.albatross.protocol.vectors.HandDer;
import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.ConsoleCmd;
import dev.albatross.protocol.wire.Policy;
import dev.albatross.protocol.wire.PolicyCmd;
import dev.albatross.protocol.wire.UnikernelCmd;
import dev.albatross.protocol.wire.WireGen;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Albatross certificate extension value (spec §5.8): the upstream vectors of §12.1 and the derived one of
 * §12.2, refusals, a round-trip property over every command, and the BouncyCastle helpers that put it into and
 * read it from certificates and CSRs.
 */
class CertExtensionTest {

    private static CertExtension.Value decodes(String hex) {
        byte[] der = HandDer.bytes(hex);
        CertExtension.Value v = CertExtension.decode(der.clone()).fold(x -> x, e -> {
            throw new AssertionError(e.message());
        });
        assertEquals(hex.replaceAll("\\s+", ""), HexFormat.of().formatHex(CertExtension.encode(v)), "re-encoding");
        return v;
    }

    private static DecodeError refuses(String hex) {
        Decoded<CertExtension.Value> d = CertExtension.decode(HandDer.bytes(hex));
        assertTrue(d instanceof Decoded.Failed, "should be refused: " + d);
        return ((Decoded.Failed<CertExtension.Value>) d).error();
    }

    @Test
    void upstreamLeafExtensionIsConsoleSubscribeCount20() {
        assertEquals(new CertExtension.Value(5, new ConsoleCmd.SubscribeCount(20)),
                decodes("30 0c 02 01 05 a0 07 a2 05 a1 03 02 01 14"));
    }

    @Test
    void upstreamIntermediateExtensionIsAPolicy() {
        Policy arc = new Policy(1, List.of(0), 512, OptionalInt.empty(), List.of());
        assertEquals(new CertExtension.Value(5, new PolicyCmd.Add(arc)),
                decodes("30 17 02 01 05 a4 12 a1 10 30 0e 30 03 02 01 00 02 01 01 02 02 02 00 30 00"));
    }

    @Test
    void derivedPolicyAddExtension() {
        Policy user = new Policy(16, List.of(0, 1), 1024, OptionalInt.empty(), List.of("br0"));
        String hex = "30 1f 02 01 05 a4 1a a1 18 30 16 30 06 02 01 00 02 01 01 02 01 10 02 02 04 00 30 05 0c 03 62 72 30";
        assertEquals(new CertExtension.Value(5, new PolicyCmd.Add(user)), decodes(hex));
        assertEquals(hex.replace(" ", ""), HexFormat.of().formatHex(CertExtension.encode(new PolicyCmd.Add(user))));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4, 6})
    void refusesOtherVersions(int version) {
        DecodeError e = refuses(seq(integer(version), ctx(3, ctx(19, NULL))));
        assertTrue(e.reason().startsWith("unknown version number 0x" + version), e.toString());
        assertEquals("AlbatrossExtension.version", e.field());
    }

    @Test
    void refusesTrailingBytesAndMalformedCommands() {
        String valid = seq(integer(5), ctx(3, ctx(3, NULL)));
        decodes(valid);
        assertTrue(refuses(valid + "00").reason().contains("trailing bytes (1)"));
        assertTrue(refuses(seq(integer(5), ctx(3, ctx(3, NULL)), NULL)).reason().contains("trailing bytes"));
        assertTrue(refuses(seq(integer(5))).reason().contains("unknown command tag"));
        assertTrue(refuses(seq(integer(5), ctx(2, NULL))).reason().contains("support for log dropped"));
        assertTrue(refuses(seq(integer(5), ctx(3, ctx(12, NULL)))).reason().contains("removed unikernel command"));
        assertTrue(refuses("").reason().contains("missing"));
    }

    @Test
    void anyCommandRoundTripsAsAnExtensionValue() {
        Gen<CertExtension.Value> values = WireGen.command().map(c -> new CertExtension.Value(5, c));
        ForAll.check("extension round trip", 3000, values, v -> {
            byte[] der = CertExtension.encode(v);
            CertExtension.Value back = CertExtension.decode(der.clone()).fold(x -> x, e -> {
                throw new AssertionError(e.message() + "\n  " + HexFormat.of().formatHex(der));
            });
            assertEquals(v, back);
            assertArrayEquals(der, CertExtension.encode(back));
            assertArrayEquals(der, CertExtension.encode(v.command()), "version 5 is the default");
        });
    }

    @Test
    void theOidIsRoburs42() throws Exception {
        assertEquals("1.3.6.1.4.1.49836.42", CertExtension.OID.getId());
        assertEquals("06092b0601040183852c2a", HexFormat.of().formatHex(CertExtension.OID.getEncoded()));
        assertFalse(CertExtension.extension(new UnikernelCmd.Info()).isCritical());
    }

    @Test
    void putsTheExtensionIntoCsrsAndCertificatesAndReadsItBack() throws Exception {
        Command command = new UnikernelCmd.Restart(Optional.empty());
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        X500Name subject = new X500Name("CN=hello");
        var signer = new JcaContentSignerBuilder("Ed25519").build(key.getPrivate());

        PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(subject, key.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, CertExtension.extensionRequest(command))
                .build(signer);
        assertEquals(new CertExtension.Value(5, command), CertExtension.read(csr).orElseThrow().orElseThrow());

        Instant from = Instant.parse("2026-11-22T23:00:00Z"); // a fixed validity: never the wall clock
        X509CertificateHolder cert = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE, Date.from(from),
                Date.from(from.plusSeconds(300)), subject, key.getPublic())
                .addExtension(CertExtension.extension(command)).build(signer);
        assertEquals(new CertExtension.Value(5, command), CertExtension.read(cert).orElseThrow().orElseThrow());
        assertFalse(CertExtension.isCritical(cert));

        X509CertificateHolder plain = new JcaX509v3CertificateBuilder(subject, BigInteger.TWO, Date.from(from),
                Date.from(from.plusSeconds(300)), subject, key.getPublic()).build(signer);
        assertTrue(CertExtension.read(plain).isEmpty(), "no extension: nothing to read");
        assertFalse(CertExtension.isCritical(plain));
        PKCS10CertificationRequest plainCsr = new JcaPKCS10CertificationRequestBuilder(subject, key.getPublic())
                .build(signer);
        assertTrue(CertExtension.read(plainCsr).isEmpty());
    }
}
