package dev.albatross.protocol.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.name.Path;
import dev.albatross.protocol.vectors.VectorCorpus;
import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.Policy;
import dev.albatross.protocol.wire.PolicyCmd;
import dev.albatross.protocol.wire.UnikernelCmd;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The certificates the real {@code albatross-client} made ({@code vectors/certs/*}) validate against their CA at
 * an injected instant (they were made on 2026-11-22; the leaves live one day) and yield the names, commands and
 * policies their descriptions give. Never the wall clock.
 */
class ChainVectorsTest {
    static final Instant VALID_AT = Instant.parse("2026-11-22T23:40:00Z");

    @BeforeAll
    static void corpusIsThere() {
        assumeTrue(VectorCorpus.present(), "needs ../shared/vectors beside the checkout: " + VectorCorpus.root());
        assumeTrue(!VectorCorpus.certificateSets().isEmpty(), "no certificate sets in " + VectorCorpus.root());
    }

    static List<X509CertificateHolder> certificates(java.nio.file.Path file) throws IOException {
        List<X509CertificateHolder> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
            for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
                if (o instanceof X509CertificateHolder c) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    static PrivateKey key(java.nio.file.Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
            return new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) pem.readObject());
        }
    }

    static ChainValidator validatorFor(java.nio.file.Path set) throws IOException {
        String ca = set.getFileName().toString().equals("ca-p256") ? "ca-p256" : "ca";
        return new ChainValidator(certificates(VectorCorpus.root().resolve("certs").resolve(ca)
                .resolve("cacert.pem")).get(0));
    }

    static Stream<java.nio.file.Path> pemFiles() throws IOException {
        List<java.nio.file.Path> files = new ArrayList<>();
        for (java.nio.file.Path set : VectorCorpus.certificateSets()) {
            try (Stream<java.nio.file.Path> s = Files.list(set)) {
                s.filter(p -> p.toString().endsWith(".pem") && !p.getFileName().toString().equals("cacert.pem"))
                        .sorted().forEach(files::add);
            }
        }
        return files.stream();
    }

    private static boolean isCa(X509CertificateHolder c) {
        BasicConstraints bc = BasicConstraints.fromExtensions(c.getExtensions());
        return bc != null && bc.isCA();
    }

    private static boolean isServer(X509CertificateHolder c) {
        ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(c.getExtensions());
        return eku != null && eku.hasKeyPurposeId(KeyPurposeId.id_kp_serverAuth);
    }

    /** The albatross extension of certificate {@code index} of {@code file} as certs.json records it. */
    private static JsonNode recorded(java.nio.file.Path file, int index) {
        JsonNode json = VectorCorpus.read(file.getParent().resolve("certs.json"));
        return json.path("files").path(file.getFileName().toString()).path("certificates").get(index);
    }

    private static Policy policyOf(JsonNode decoded) {
        JsonNode p = decoded.path("command").path("policy_value");
        List<Integer> cpus = new ArrayList<>();
        p.path("cpuids").forEach(n -> cpus.add(n.asInt()));
        List<String> bridges = new ArrayList<>();
        p.path("bridges").forEach(n -> bridges.add(n.asText()));
        OptionalInt block = p.has("block_mb") ? OptionalInt.of(p.path("block_mb").asInt()) : OptionalInt.empty();
        return new Policy(p.path("unikernels").asLong(), cpus, p.path("memory_mb").asInt(), block, bridges);
    }

    @ParameterizedTest
    @MethodSource("pemFiles")
    void everyCertificateFileIsJudgedAsItsProfileRequires(java.nio.file.Path file) throws IOException {
        List<X509CertificateHolder> chain = certificates(file);
        ChainValidator validator = validatorFor(file.getParent());
        X509CertificateHolder first = chain.get(0);
        ChainOutcome<ChainCommand> outcome = ChainCommand.authorize(validator, chain, VALID_AT);
        if (isServer(first)) {
            assertEquals(ChainRefusal.Reason.BAD_EXTENDED_KEY_USAGE, outcome.fold(c -> null, ChainRefusal::reason),
                    "a server certificate is no client certificate");
            return;
        }
        if (isCa(first)) {
            assertEquals(ChainRefusal.Reason.LEAF_IS_CA, outcome.fold(c -> null, ChainRefusal::reason));
            assertFalse(validator.validate(List.of(), VALID_AT).isAccepted());
            return;
        }
        // A command leaf followed by the "user" CA (spec §10.2a): name user:<CN>, policy of user, command as recorded.
        ChainCommand c = outcome.orElseThrow();
        JsonNode leafRecord = recorded(file, 0);
        JsonNode caRecord = recorded(file, 1);
        assertEquals(Name.parse("user:" + leafRecord.path("subject").asText().substring(3)), c.name());
        assertEquals(List.of(new ChainPolicy(Path.of("user"), policyOf(caRecord.path("albatross_extension")
                .path("decoded")))), c.policies());
        Command expected = CertExtension.decode(HexFormat.of().parseHex(leafRecord.path("albatross_extension")
                .path("extn_value_hex").asText())).orElseThrow().command();
        assertEquals(expected, c.command());
        assertEquals(5, c.version());

        Instant notAfter = Instant.parse(leafRecord.path("not_after").asText());
        assertEquals(ChainRefusal.Reason.EXPIRED, ChainCommand.authorize(validator, chain,
                notAfter.plus(Duration.ofDays(1))).fold(x -> null, ChainRefusal::reason));
        Instant notBefore = Instant.parse(leafRecord.path("not_before").asText());
        assertEquals(ChainRefusal.Reason.NOT_YET_VALID, ChainCommand.authorize(validator, chain,
                notBefore.minusSeconds(1)).fold(x -> null, ChainRefusal::reason));
    }

    @Test
    void theRecordedCommandsAreTheOnesTheDescriptionsGive() throws IOException {
        java.nio.file.Path certs = VectorCorpus.root().resolve("certs");
        ChainValidator validator = validatorFor(certs.resolve("ca"));
        assumeTrue(Files.isRegularFile(certs.resolve("csr-create-hello/hello.pem")), "csr-create-hello missing");
        ChainCommand create = ChainCommand.authorize(validator,
                certificates(certs.resolve("csr-create-hello/hello.pem")), VALID_AT).orElseThrow();
        UnikernelCmd.Create cmd = (UnikernelCmd.Create) create.command();
        assertEquals(16, cmd.config().memoryMb());
        assertEquals(java.util.Optional.of(List.of("Hello_Solo5")), cmd.config().arguments());
        assertTrue(cmd.config().compressed());
        assertFalse(cmd.config().image().isEmpty());
        assertEquals(new Policy(4, List.of(0, 1), 128, OptionalInt.of(10), List.of("albr0")),
                create.policies().get(0).policy());
        ChainCommand destroy = ChainCommand.authorize(validator,
                certificates(certs.resolve("csr-destroy-hello/hello.pem")), VALID_AT).orElseThrow();
        assertEquals(new UnikernelCmd.Destroy(), destroy.command());
        assertEquals(Name.parse("user:hello"), destroy.name());
    }

    @Test
    void aChainFromTheOtherCorpusCaIsRefusedThoughBothCasAreNamedCa() throws IOException {
        java.nio.file.Path certs = VectorCorpus.root().resolve("certs");
        ChainValidator p256 = validatorFor(certs.resolve("ca-p256"));
        List<X509CertificateHolder> hello = certificates(certs.resolve("csr-destroy-hello/hello.pem"));
        assertEquals(ChainRefusal.Reason.UNTRUSTED, p256.validate(hello, VALID_AT).fold(p -> null,
                ChainRefusal::reason));
    }

    @Test
    void newLeavesSignedWithTheCorpusKeysValidate() throws IOException {
        java.nio.file.Path certs = VectorCorpus.root().resolve("certs");
        // user2: an RSA-2048 CA signed by the Ed25519 root; its leaves are signed with SHA-256/RSA.
        X509CertificateHolder user2 = certificates(certs.resolve("csr-policy-user2-rsa/user2.pem")).get(0);
        PrivateKey user2Key = key(certs.resolve("csr-policy-user2-rsa/user2.key"));
        var issuer = new ChainCertificates.Issued(user2, new KeyPair(null, user2Key));
        var leaf = ChainCertificates.leaf("big", new UnikernelCmd.Info(), issuer, VALID_AT.minusSeconds(10),
                VALID_AT.plusSeconds(300));
        ChainCommand c = ChainCommand.authorize(validatorFor(certs.resolve("ca")),
                ChainCertificates.chain(leaf, issuer), VALID_AT).orElseThrow();
        assertEquals(Name.parse("user2:big"), c.name());
        assertEquals(List.of(new ChainPolicy(Path.of("user2"), new Policy(2, List.of(0), 64, OptionalInt.empty(),
                List.of()))), c.policies());

        // ca-p256: a P-256 root; a leaf signed directly by it (spec §12 054: no intermediate, no policy).
        X509CertificateHolder p256 = certificates(certs.resolve("ca-p256/cacert.pem")).get(0);
        var root = new ChainCertificates.Issued(p256, new KeyPair(null, key(certs.resolve("ca-p256/ca.key"))));
        var info = ChainCertificates.leaf(".", new UnikernelCmd.Info(), root, VALID_AT.minusSeconds(10),
                VALID_AT.plusSeconds(300));
        ChainCommand rootInfo = ChainCommand.authorize(validatorFor(certs.resolve("ca-p256")),
                ChainCertificates.chain(info), VALID_AT).orElseThrow();
        assertEquals(Name.ROOT, rootInfo.name());
        assertEquals(List.of(), rootInfo.policies());
        assertEquals(new PolicyCmd.Info().commandKind(), new PolicyCmd.Info().commandKind());
    }
}
