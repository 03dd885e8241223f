package dev.albatross.protocol.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.albatross.protocol.der.Decoded;
import dev.albatross.protocol.vectors.VectorCorpus;
import dev.albatross.protocol.vectors.VectorJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The certificates and CSRs {@code albatross-client} made for the corpus ({@code vectors/certs/*}): each parses,
 * carries the Albatross extension exactly as {@code certs.json} records it (non-critical, same extnValue,
 * same decoding, identical re-encoding), CSR signatures verify, and every chain verifies up to its CA.
 *
 * <p>Validity is checked at an injected instant, never the current date: the corpus was made on 2026-11-22 and
 * its leaf certificates live one day (they expire 2026-11-23), so a test on the wall clock would pass only
 * during that day. {@link #VALID_AT} is inside every certificate's validity; a day after a leaf's notAfter it
 * must be refused, which shows that validity really is checked at the instant given.
 */
class CertificateVectorsTest {
    /** Inside the validity of every certificate of the corpus (all issued 2026-11-22 between 22:58 and 23:26). */
    static final Instant VALID_AT = Instant.parse("2026-11-22T23:40:00Z");

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    @BeforeAll
    static void corpusIsThere() {
        assumeTrue(VectorCorpus.present(), "needs ../shared/vectors beside the checkout: " + VectorCorpus.root());
        assumeTrue(!VectorCorpus.certificateSets().isEmpty(), "no certificate sets in " + VectorCorpus.root());
    }

    /** A PEM file of a set, with its record in certs.json. */
    record PemFile(Path set, String file, JsonNode record) {
        Path path() {
            return set.resolve(file);
        }

        @Override
        public String toString() {
            return set.getFileName() + "/" + file;
        }
    }

    static Stream<PemFile> pemFiles(String kind) {
        if (!VectorCorpus.present()) {
            return Stream.empty();
        }
        List<PemFile> files = new ArrayList<>();
        for (Path set : VectorCorpus.certificateSets()) {
            JsonNode json = VectorCorpus.read(set.resolve("certs.json"));
            for (Map.Entry<String, JsonNode> e : json.path("files").properties()) {
                String recorded = e.getValue().path("kind").asText();
                boolean isCsr = recorded.contains("CSR");
                boolean isCert = recorded.startsWith("certificate");
                if ((kind.equals("csr") && isCsr) || (kind.equals("certificate") && isCert)) {
                    files.add(new PemFile(set, e.getKey(), e.getValue()));
                }
            }
        }
        return files.stream();
    }

    static Stream<PemFile> certificateFiles() {
        return pemFiles("certificate");
    }

    static Stream<PemFile> csrFiles() {
        return pemFiles("csr");
    }

    static Stream<Arguments> certificates() {
        return certificateFiles().flatMap(f -> {
            List<X509CertificateHolder> chain = readCertificates(f.path());
            JsonNode records = f.record().path("certificates");
            assertEquals(records.size(), chain.size(), f + ": certificates in the PEM");
            List<Arguments> all = new ArrayList<>();
            for (int i = 0; i < chain.size(); i++) {
                all.add(Arguments.of(f + "#" + i, chain.get(i), records.get(i)));
            }
            return all.stream();
        });
    }

    // ---- reading --------------------------------------------------------------------------------------------

    static List<Object> readPem(Path file) {
        List<Object> objects = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser pem = new PEMParser(reader)) {
            for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
                objects.add(o);
            }
        } catch (IOException e) {
            throw new AssertionError(file + ": " + e, e);
        }
        return objects;
    }

    static List<X509CertificateHolder> readCertificates(Path file) {
        return readPem(file).stream().map(o -> assertInstanceOf(X509CertificateHolder.class, o, file.toString()))
                .toList();
    }

    /** The self-signed roots: {@code ca/cacert.pem} (Ed25519) and {@code ca-p256/cacert.pem} (P-256). */
    static List<X509CertificateHolder> roots() {
        List<X509CertificateHolder> roots = new ArrayList<>();
        for (Path set : VectorCorpus.certificateSets()) {
            Path cacert = set.resolve("cacert.pem");
            if (Files.isRegularFile(cacert)) {
                roots.addAll(readCertificates(cacert));
            }
        }
        return roots;
    }

    private static ContentVerifierProvider verifier(X509CertificateHolder issuer) {
        try {
            return new JcaContentVerifierProviderBuilder().setProvider(BC).build(issuer);
        } catch (Exception e) {
            throw new AssertionError("no verifier for " + issuer.getSubject() + ": " + e, e);
        }
    }

    private static boolean signedBy(X509CertificateHolder cert, X509CertificateHolder issuer) {
        if (!cert.getIssuer().equals(issuer.getSubject())) {
            return false;
        }
        try {
            return cert.isSignatureValid(verifier(issuer));
        } catch (Exception e) {
            return false; // a key of another type cannot verify this signature: not the issuer
        }
    }

    /** The one certificate among the chain's rest and the roots that signed {@code cert}. */
    private static X509CertificateHolder issuerOf(X509CertificateHolder cert, List<X509CertificateHolder> candidates) {
        List<X509CertificateHolder> issuers = candidates.stream().filter(c -> signedBy(cert, c)).toList();
        assertEquals(1, issuers.size(), "issuers of " + cert.getSubject() + " among " + candidates.size());
        return issuers.get(0);
    }

    // ---- certificates ---------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("certificates")
    void certificateCarriesTheExtensionAsRecorded(String id, X509CertificateHolder cert, JsonNode record)
            throws IOException {
        assertEquals(record.path("der_hex").asText(), HexFormat.of().formatHex(cert.getEncoded()), id);
        assertEquals(record.path("subject").asText(), cert.getSubject().toString(), id);
        assertEquals(record.path("issuer").asText(), cert.getIssuer().toString(), id);
        assertTrue(cert.isValidOn(Date.from(VALID_AT)), id + " at " + VALID_AT);

        JsonNode albatross = record.path("albatross_extension");
        Optional<Decoded<CertExtension.Value>> read = CertExtension.read(cert);
        if (albatross.isMissingNode() || albatross.isNull()) {
            assertTrue(read.isEmpty(), id + " has no Albatross extension");
            return;
        }
        assertFalse(albatross.path("critical").asBoolean(true), id + ": recorded as non-critical");
        assertFalse(CertExtension.isCritical(cert), id + ": the extension must not be critical");
        Extension extension = cert.getExtension(CertExtension.OID);
        assertExtension(id, extension.getExtnValue().getOctets(), read.orElseThrow(), albatross);
    }

    /** The extnValue is the recorded one, decodes to the recorded command and re-encodes identically. */
    static void assertExtension(String id, byte[] extnValue, Decoded<CertExtension.Value> read, JsonNode recorded) {
        assertEquals(recorded.path("extn_value_hex").asText(), HexFormat.of().formatHex(extnValue), id);
        CertExtension.Value value = read.fold(v -> v, e -> {
            throw new AssertionError(id + ": " + e.message());
        });
        assertEquals(recorded.path("decoded").path("version").asInt(), value.version(), id);
        VectorJson.assertSame(recorded.path("decoded").path("command"), VectorJson.commandBody(value.command()), id);
        assertEquals(HexFormat.of().formatHex(extnValue), HexFormat.of().formatHex(CertExtension.encode(value)),
                id + ": re-encoding");
        assertEquals(HexFormat.of().formatHex(extnValue),
                HexFormat.of().formatHex(CertExtension.encode(value.command())), id + ": encoding the command");
    }

    // ---- CSRs -----------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("csrFiles")
    void csrSignatureVerifiesAndItCarriesTheExtensionAsRecorded(PemFile file) throws Exception {
        List<Object> objects = readPem(file.path());
        assertEquals(1, objects.size(), file.toString());
        PKCS10CertificationRequest csr = assertInstanceOf(PKCS10CertificationRequest.class, objects.get(0));
        assertEquals(file.record().path("der_hex").asText(), HexFormat.of().formatHex(csr.getEncoded()));
        assertEquals(file.record().path("subject").asText(), csr.getSubject().toString());
        assertTrue(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BC)
                .build(csr.getSubjectPublicKeyInfo())), file + ": signature");
        assertTrue(file.record().path("signature_valid").asBoolean());

        JsonNode albatross = file.record().path("albatross_extension");
        Extension extension = csrExtension(csr).orElseThrow(() -> new AssertionError(file + ": no extension"));
        assertFalse(extension.isCritical(), file + ": the extension must not be critical");
        assertFalse(albatross.path("critical").asBoolean(true));
        assertExtension(file.toString(), extension.getExtnValue().getOctets(),
                CertExtension.read(csr).orElseThrow(), albatross);
    }

    private static Optional<Extension> csrExtension(PKCS10CertificationRequest csr) {
        for (Attribute attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            for (var value : attribute.getAttributeValues()) {
                Extension e = Extensions.getInstance(value).getExtension(CertExtension.OID);
                if (e != null) {
                    return Optional.of(e);
                }
            }
        }
        return Optional.empty();
    }

    // ---- chains ---------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("certificateFiles")
    void chainVerifiesUpToItsCaAtAnInstantInsideItsValidity(PemFile file) throws Exception {
        List<X509CertificateHolder> chain = readCertificates(file.path());
        List<X509CertificateHolder> roots = roots();
        assertFalse(roots.isEmpty(), "no cacert.pem in the corpus");
        // Each link's signature, checked with BouncyCastle, then the root's own.
        Set<X509CertificateHolder> unique = new LinkedHashSet<>(chain);
        unique.addAll(roots);
        List<X509CertificateHolder> candidates = List.copyOf(unique);
        X509CertificateHolder cert = chain.get(0);
        X509CertificateHolder root = null;
        for (int guard = 0; guard < 10 && root == null; guard++) {
            X509CertificateHolder issuer = issuerOf(cert, candidates);
            if (issuer.getSubject().equals(issuer.getIssuer()) && signedBy(issuer, issuer)) {
                root = issuer;
            }
            cert = issuer;
        }
        assertNotNull(root, file + ": no chain to a self-signed root");
        assertTrue(roots.contains(root), file + ": the chain ends at a corpus CA");
        // PKIX takes the root on trust (no validity check of the anchor); ocaml-x509 checks it (spec §6.4).
        assertTrue(root.isValidOn(Date.from(VALID_AT)), file + ": the root at " + VALID_AT);

        // The whole chain, validated by the JDK's PKIX implementation at the injected instant.
        PKIXParameters params = pkix(root, VALID_AT);
        CertPathValidator.getInstance("PKIX").validate(certPath(chain, root), params);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("certificateFiles")
    void chainIsRefusedADayAfterItsFirstCertificateExpires(PemFile file) throws Exception {
        List<X509CertificateHolder> chain = readCertificates(file.path());
        X509CertificateHolder first = chain.get(0);
        Instant later = first.getNotAfter().toInstant().plus(Duration.ofDays(1));
        assertFalse(first.isValidOn(Date.from(later)));
        X509CertificateHolder root = roots().stream().filter(r -> {
            X509CertificateHolder top = chain.get(chain.size() - 1);
            return top.equals(r) || signedBy(top, r);
        }).findFirst().orElseThrow();
        if (chain.size() == 1 && chain.get(0).equals(root)) {
            return; // a root alone: it is the anchor, and isValidOn above was its check
        }
        CertPathValidatorException e = assertThrows(CertPathValidatorException.class,
                () -> CertPathValidator.getInstance("PKIX").validate(certPath(chain, root), pkix(root, later)));
        assertEquals(CertPathValidatorException.BasicReason.EXPIRED, e.getReason(), file + ": " + e.getMessage());
    }

    @Test
    void aChainDoesNotVerifyAgainstTheOtherCaOfTheSameName() throws Exception {
        List<X509CertificateHolder> roots = roots();
        assumeTrue(roots.size() >= 2, "needs both corpus CAs (ca and ca-p256)");
        int checked = 0;
        for (PemFile file : certificateFiles().toList()) {
            List<X509CertificateHolder> chain = readCertificates(file.path());
            X509CertificateHolder top = chain.get(chain.size() - 1);
            if (roots.contains(top)) {
                continue;
            }
            for (X509CertificateHolder other : roots) {
                if (other.getSubject().equals(top.getIssuer()) && !signedBy(top, other)) {
                    assertThrows(CertPathValidatorException.class, () -> CertPathValidator.getInstance("PKIX")
                            .validate(certPath(chain, other), pkix(other, VALID_AT)), file.toString());
                    checked++;
                }
            }
        }
        assertTrue(checked > 0, "both CAs are named CN=ca, so every chain has a wrong one to try");
    }

    @Test
    void leafCertificatesLiveOneDayAndTheInjectedInstantIsInsideThatDay() {
        List<Instant> leafExpiries = certificateFiles().filter(f -> readCertificates(f.path()).size() > 1)
                .map(f -> readCertificates(f.path()).get(0).getNotAfter().toInstant()).toList();
        assumeTrue(!leafExpiries.isEmpty(), "no leaf chains in the corpus");
        for (Instant expiry : leafExpiries) {
            assertTrue(VALID_AT.isBefore(expiry), "leaf expires " + expiry);
            assertTrue(expiry.isBefore(Instant.parse("2026-11-24T00:00:00Z")), "leaf expires " + expiry);
        }
    }

    @Test
    void theCorpusHasEd25519RsaAndEcKeys() {
        Set<String> algorithms = new TreeSet<>();
        certificates().forEach(a -> algorithms.add(
                ((X509CertificateHolder) a.get()[1]).getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm().getId()));
        assertTrue(algorithms.contains("1.3.101.112"), "Ed25519: " + algorithms);
        assertTrue(algorithms.contains("1.2.840.113549.1.1.1"), "RSA: " + algorithms);
        assertTrue(algorithms.contains("1.2.840.10045.2.1"), "EC (P-256, P-384): " + algorithms);
    }

    private static PKIXParameters pkix(X509CertificateHolder root, Instant at) throws Exception {
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(jdk(root), null)));
        params.setRevocationEnabled(false); // Albatross has no revocation (spec §6.4)
        params.setDate(Date.from(at));
        return params;
    }

    /** The chain without the root (the trust anchor), as JDK certificates. */
    private static CertPath certPath(List<X509CertificateHolder> chain, X509CertificateHolder root) throws Exception {
        List<X509Certificate> path = new ArrayList<>();
        for (X509CertificateHolder c : chain) {
            if (!c.equals(root)) {
                path.add(jdk(c));
            }
        }
        return CertificateFactory.getInstance("X.509").generateCertPath(path);
    }

    private static X509Certificate jdk(X509CertificateHolder holder) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
    }
}
