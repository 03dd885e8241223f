package dev.albatross.protocol.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.protocol.wire.Policy;
import dev.albatross.protocol.wire.UnikernelCmd;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;

/** The chain rules of spec §6.4 on generated chains: what passes, and each refusal with its reason. */
class ChainValidatorTest {
    static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant TO = Instant.parse("2027-01-01T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final Policy POLICY = new Policy(4, List.of(0, 1), 128, OptionalInt.of(10), List.of("albr0"));

    final ChainCertificates.Issued root = ChainCertificates.root("ca", FROM, TO);
    final ChainCertificates.Issued user = ChainCertificates.policyCa("user", POLICY, root, FROM, TO);
    final ChainCertificates.Issued leaf = ChainCertificates.leaf("hello", new UnikernelCmd.Info(), user, FROM, TO);
    final ChainValidator validator = new ChainValidator(root.holder());

    private ChainRefusal refusal(List<X509CertificateHolder> chain) {
        return validator.validate(chain, NOW).fold(p -> {
            throw new AssertionError("accepted: " + p);
        }, r -> r);
    }

    private void refused(ChainRefusal.Reason reason, String fragment, ChainCertificates.Issued... chain) {
        ChainRefusal r = refusal(ChainCertificates.chain(chain));
        assertEquals(reason, r.reason(), r.message());
        assertTrue(r.message().contains(fragment), () -> "'" + r.message() + "' lacks '" + fragment + "'");
    }

    @Test
    void acceptsTheClientProfileChainAndReturnsThePathWithoutTheAnchor() {
        assertEquals(ChainCertificates.chain(leaf, user), validator.validate(ChainCertificates.chain(leaf, user), NOW)
                .orElseThrow());
    }

    @Test
    void acceptsALeafSignedDirectlyByTheAnchor() {
        var direct = ChainCertificates.leaf("x", new UnikernelCmd.Info(), root, FROM, TO);
        assertEquals(ChainCertificates.chain(direct), validator.validate(ChainCertificates.chain(direct), NOW)
                .orElseThrow());
    }

    @Test
    void leavesACopyOfTheAnchorAndUnrelatedCertificatesOutOfThePath() {
        var stranger = ChainCertificates.root("stranger", FROM, TO);
        assertEquals(ChainCertificates.chain(leaf, user), validator.validate(
                ChainCertificates.chain(leaf, stranger, user, root), NOW).orElseThrow());
    }

    @Test
    void triesEveryPathAndTakesTheOneThatVerifies() {
        // Two CAs named "user": the first sent was signed by another key; the second is the real one.
        var impostor = ChainCertificates.policyCa("user", POLICY, ChainCertificates.root("ca", FROM, TO), FROM, TO);
        var leaf2 = ChainCertificates.builder("hello").issuer(user).validity(FROM, TO).leaf().keyIds(false)
                .extension(new UnikernelCmd.Info()).build();
        assertEquals(ChainCertificates.chain(leaf2, user), validator.validate(
                ChainCertificates.chain(leaf2, impostor, user), NOW).orElseThrow());
    }

    @Test
    void refusesAnEmptyChain() {
        assertEquals(ChainRefusal.Reason.EMPTY_CHAIN, refusal(List.of()).reason());
    }

    @Test
    void refusesMoreThanTenCertificates() {
        List<X509CertificateHolder> chain = new ArrayList<>(ChainCertificates.chain(leaf, user));
        while (chain.size() <= ChainValidator.DEFAULT_MAX_CERTIFICATES) {
            chain.add(user.holder());
        }
        ChainRefusal r = refusal(chain);
        assertEquals(ChainRefusal.Reason.CHAIN_TOO_LONG, r.reason());
        assertTrue(r.message().contains("11 certificates"), r.message());
    }

    @Test
    void refusesExpiredAndNotYetValidCertificatesAtTheInjectedInstant() {
        var expiredLeaf = ChainCertificates.leaf("hello", new UnikernelCmd.Info(), user, FROM,
                NOW.minus(Duration.ofSeconds(1)));
        refused(ChainRefusal.Reason.EXPIRED, "CN=hello\" expired at", expiredLeaf, user);
        var futureLeaf = ChainCertificates.leaf("hello", new UnikernelCmd.Info(), user,
                NOW.plus(Duration.ofSeconds(1)), TO);
        refused(ChainRefusal.Reason.NOT_YET_VALID, "is not valid before", futureLeaf, user);
        var expiredCa = ChainCertificates.policyCa("user", POLICY, root, FROM, NOW.minus(Duration.ofDays(1)));
        var leafOfExpired = ChainCertificates.leaf("hello", new UnikernelCmd.Info(), expiredCa, FROM, TO);
        refused(ChainRefusal.Reason.EXPIRED, "CN=user\" expired", leafOfExpired, expiredCa);
        assertTrue(validator.validate(ChainCertificates.chain(leaf, user), NOW).isAccepted());
        assertEquals(ChainRefusal.Reason.EXPIRED, validator.validate(ChainCertificates.chain(leaf, user),
                TO.plusSeconds(1)).fold(p -> null, ChainRefusal::reason));
    }

    @Test
    void refusesWhenTheTrustedCaItselfIsNotValid() {
        var oldRoot = ChainCertificates.root("ca", FROM, NOW.minusSeconds(5));
        var oldUser = ChainCertificates.policyCa("user", POLICY, oldRoot, FROM, TO);
        var oldLeaf = ChainCertificates.leaf("hello", new UnikernelCmd.Info(), oldUser, FROM, TO);
        ChainRefusal r = new ChainValidator(oldRoot.holder()).validate(ChainCertificates.chain(oldLeaf, oldUser), NOW)
                .fold(p -> null, x -> x);
        assertEquals(ChainRefusal.Reason.EXPIRED, r.reason());
        assertTrue(r.message().startsWith("the trusted CA"), r.message());
    }

    @Test
    void refusesAChainFromAnotherCaEvenWithTheSameName() {
        var otherRoot = ChainCertificates.root("ca", FROM, TO);
        var otherUser = ChainCertificates.policyCa("user", POLICY, otherRoot, FROM, TO);
        var otherLeaf = ChainCertificates.leaf("hello", new UnikernelCmd.Info(), otherUser, FROM, TO);
        refused(ChainRefusal.Reason.UNTRUSTED, "does not verify with the key of the trusted CA", otherLeaf, otherUser);
        var elsewhere = ChainCertificates.root("elsewhere", FROM, TO);
        var leafElsewhere = ChainCertificates.leaf("hello", new UnikernelCmd.Info(), elsewhere, FROM, TO);
        refused(ChainRefusal.Reason.UNTRUSTED, "no path from", leafElsewhere);
    }

    @Test
    void refusesAMissingIntermediate() {
        refused(ChainRefusal.Reason.UNTRUSTED, "issuer \"CN=user\" is neither", leaf);
    }

    @Test
    void refusesALeafThatIsACa() {
        var caLeaf = ChainCertificates.builder("hello").issuer(user).validity(FROM, TO).ca()
                .extension(new UnikernelCmd.Info()).build();
        refused(ChainRefusal.Reason.LEAF_IS_CA, "is a CA", caLeaf, user);
    }

    @Test
    void refusesALeafWithoutDigitalSignatureOrClientAuth() {
        var noSign = ChainCertificates.builder("hello").issuer(user).validity(FROM, TO).leaf()
                .keyUsage(true, KeyUsage.keyEncipherment).extension(new UnikernelCmd.Info()).build();
        refused(ChainRefusal.Reason.LEAF_KEY_USAGE, "digitalSignature", noSign, user);
        var serverLeaf = ChainCertificates.builder("hello").issuer(user).validity(FROM, TO).server()
                .extension(new UnikernelCmd.Info()).build();
        refused(ChainRefusal.Reason.BAD_EXTENDED_KEY_USAGE, "without clientAuth", serverLeaf, user);
        var anyLeaf = ChainCertificates.builder("hello").issuer(user).validity(FROM, TO).leaf()
                .extendedKeyUsage(false, KeyPurposeId.anyExtendedKeyUsage).extension(new UnikernelCmd.Info()).build();
        assertTrue(validator.validate(ChainCertificates.chain(anyLeaf, user), NOW).isAccepted());
    }

    @Test
    void refusesIntermediatesThatAreNotCas() {
        var notCa = ChainCertificates.builder("user").issuer(root).validity(FROM, TO).ca()
                .basicConstraints(true, new BasicConstraints(false)).build();
        refused(ChainRefusal.Reason.NOT_A_CA, "without BasicConstraints CA=true",
                ChainCertificates.leaf("hello", new UnikernelCmd.Info(), notCa, FROM, TO), notCa);
        var noBc = ChainCertificates.builder("user").issuer(root).validity(FROM, TO).ca()
                .without(Extension.basicConstraints).build();
        refused(ChainRefusal.Reason.NOT_A_CA, "without BasicConstraints CA=true",
                ChainCertificates.leaf("hello", new UnikernelCmd.Info(), noBc, FROM, TO), noBc);
        var noCertSign = ChainCertificates.builder("user").issuer(root).validity(FROM, TO).ca()
                .keyUsage(true, KeyUsage.digitalSignature).build();
        refused(ChainRefusal.Reason.NO_CERT_SIGN, "keyCertSign",
                ChainCertificates.leaf("hello", new UnikernelCmd.Info(), noCertSign, FROM, TO), noCertSign);
    }

    @Test
    void acceptsIntermediateExtendedKeyUsageOfAnyServerAuthOrClientAuthOnly() {
        // Compat §13.2 #16: ocaml-x509 allows any and serverAuth; we allow clientAuth too; others are refused.
        for (KeyPurposeId ok : List.of(KeyPurposeId.anyExtendedKeyUsage, KeyPurposeId.id_kp_serverAuth,
                KeyPurposeId.id_kp_clientAuth)) {
            var ca = ChainCertificates.builder("user").issuer(root).validity(FROM, TO).ca()
                    .extendedKeyUsage(false, ok).build();
            var l = ChainCertificates.leaf("hello", new UnikernelCmd.Info(), ca, FROM, TO);
            assertTrue(validator.validate(ChainCertificates.chain(l, ca), NOW).isAccepted(), ok + "");
        }
        var codeSigning = ChainCertificates.builder("user").issuer(root).validity(FROM, TO).ca()
                .extendedKeyUsage(false, KeyPurposeId.id_kp_codeSigning).build();
        refused(ChainRefusal.Reason.BAD_EXTENDED_KEY_USAGE, "ExtendedKeyUsage",
                ChainCertificates.leaf("hello", new UnikernelCmd.Info(), codeSigning, FROM, TO), codeSigning);
    }

    @Test
    void refusesUnknownCriticalExtensionsIncludingACriticalAlbatrossExtension() {
        ASN1ObjectIdentifier unknown = new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1");
        byte[] nul = new byte[] {0x05, 0x00};
        var leafCritical = ChainCertificates.builder("hello").issuer(user).validity(FROM, TO).leaf()
                .extension(new UnikernelCmd.Info()).raw(unknown, true, nul).build();
        refused(ChainRefusal.Reason.UNKNOWN_CRITICAL_EXTENSION, "1.3.6.1.4.1.99999.1", leafCritical, user);
        var caCritical = ChainCertificates.builder("user").issuer(root).validity(FROM, TO).ca()
                .raw(CertExtension.OID, true, CertExtension.encode(new dev.albatross.protocol.wire.PolicyCmd.Add(
                        POLICY))).build();
        refused(ChainRefusal.Reason.UNKNOWN_CRITICAL_EXTENSION, "must not be critical",
                ChainCertificates.leaf("hello", new UnikernelCmd.Info(), caCritical, FROM, TO), caCritical);
        var nonCritical = ChainCertificates.builder("hello").issuer(user).validity(FROM, TO).leaf()
                .extension(new UnikernelCmd.Info()).raw(unknown, false, nul).build();
        assertTrue(validator.validate(ChainCertificates.chain(nonCritical, user), NOW).isAccepted());
    }

    @Test
    void refusesAMalformedStandardExtension() {
        var bad = ChainCertificates.builder("hello").issuer(user).validity(FROM, TO).leaf()
                .raw(Extension.basicConstraints, true, new byte[] {0x05, 0x00}).extension(new UnikernelCmd.Info())
                .build();
        refused(ChainRefusal.Reason.MALFORMED_EXTENSION, "malformed", bad, user);
    }

    @Test
    void respectsPathLengthConstraintsOfIntermediatesAndTheAnchor() {
        var zero = ChainCertificates.builder("user").issuer(root).validity(FROM, TO).ca()
                .basicConstraints(true, new BasicConstraints(0)).build();
        var sub = ChainCertificates.builder("team").issuer(zero).validity(FROM, TO).ca().build();
        var l = ChainCertificates.leaf("hello", new UnikernelCmd.Info(), sub, FROM, TO);
        refused(ChainRefusal.Reason.PATH_LENGTH, "allows 0 intermediate(s) below it, the chain has 1", l, sub, zero);
        var direct = ChainCertificates.leaf("hello", new UnikernelCmd.Info(), zero, FROM, TO);
        assertTrue(validator.validate(ChainCertificates.chain(direct, zero), NOW).isAccepted());

        var tightRoot = ChainCertificates.builder("ca").validity(FROM, TO).ca().keyIds(false)
                .basicConstraints(true, new BasicConstraints(0)).build();
        var under = ChainCertificates.policyCa("user", POLICY, tightRoot, FROM, TO);
        var l2 = ChainCertificates.leaf("hello", new UnikernelCmd.Info(), under, FROM, TO);
        assertEquals(ChainRefusal.Reason.PATH_LENGTH, new ChainValidator(tightRoot.holder())
                .validate(ChainCertificates.chain(l2, under), NOW).fold(p -> null, ChainRefusal::reason));
    }

    @Test
    void refusesMismatchedKeyIdentifiers() {
        var other = ChainCertificates.policyCa("user", POLICY, root, FROM, TO);
        // Signed by `user`, but its authority key identifier names `other`'s key.
        var l = ChainCertificates.builder("hello").issuer(other).validity(FROM, TO).leaf()
                .extension(new UnikernelCmd.Info()).build();
        var resigned = ChainCertificates.builder("hello").issuer(user).validity(FROM, TO).leaf().keyIds(false)
                .extension(new UnikernelCmd.Info())
                .raw(Extension.authorityKeyIdentifier, false, l.holder().getExtension(
                        Extension.authorityKeyIdentifier).getExtnValue().getOctets()).build();
        refused(ChainRefusal.Reason.KEY_ID_MISMATCH, "authority key identifier", resigned, user);
    }

    @Test
    void refusesABadSignatureOfAnIntermediateLink() {
        var otherUser = ChainCertificates.policyCa("user", POLICY, root, FROM, TO);
        var l = ChainCertificates.builder("hello").issuer(otherUser).validity(FROM, TO).leaf().keyIds(false)
                .extension(new UnikernelCmd.Info()).build();
        refused(ChainRefusal.Reason.BAD_SIGNATURE, "does not verify with the key of certificate \"CN=user\"", l, user);
    }

    @Test
    void checksLargeEd25519LeavesLikeSmallOnes() {
        // Past JDK_ED25519_MIN_BYTES the JDK's Ed25519 checks the signature instead of BouncyCastle's.
        byte[] image = new byte[ChainSignatures.JDK_ED25519_MIN_BYTES + 4096];
        var big = ChainCertificates.builder("hello").issuer(user).validity(FROM, TO).leaf()
                .extension(new UnikernelCmd.Info()).raw(new ASN1ObjectIdentifier("1.3.6.1.4.1.49836.99"), false, image)
                .build();
        assertEquals(ChainCertificates.chain(big, user), validator.validate(ChainCertificates.chain(big, user), NOW)
                .orElseThrow());
        var otherUser = ChainCertificates.policyCa("user", POLICY, root, FROM, TO);
        var forged = ChainCertificates.builder("hello").issuer(otherUser).validity(FROM, TO).leaf().keyIds(false)
                .extension(new UnikernelCmd.Info()).raw(new ASN1ObjectIdentifier("1.3.6.1.4.1.49836.99"), false, image)
                .build();
        refused(ChainRefusal.Reason.BAD_SIGNATURE, "does not verify with the key of certificate \"CN=user\"", forged,
                user);
    }

    @Test
    void refusesAnEd25519SignatureWhoseSignedAlgorithmDiffersFromTheOuterOne() throws Exception {
        for (int size : new int[] {0, ChainSignatures.JDK_ED25519_MIN_BYTES}) {
            var good = ChainCertificates.builder("hello").issuer(user).validity(FROM, TO).leaf()
                    .extension(new UnikernelCmd.Info()).raw(new ASN1ObjectIdentifier("1.3.6.1.4.1.49836.99"), false,
                            new byte[size]).build();
            // The same certificate, but with the outer algorithm carrying a parameter the signed one lacks.
            Certificate c = good.holder().toASN1Structure();
            AlgorithmIdentifier outer = new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519,
                    new ASN1Integer(1));
            var mismatched = new X509CertificateHolder(Certificate.getInstance(new DERSequence(
                    new ASN1Encodable[] {c.getTBSCertificate(), outer, c.getSignature()})));
            assertFalse(validator.validate(List.of(mismatched, user.holder()), NOW).isAccepted(), "size " + size);
            assertTrue(validator.validate(List.of(good.holder(), user.holder()), NOW).isAccepted(), "size " + size);
        }
    }

    @Test
    void refusesWeakRsaKeysAndSha1Signatures() {
        var weak = ChainCertificates.builder("user").keys(ChainCertificates.rsa(512)).issuer(root)
                .validity(FROM, TO).ca().build();
        refused(ChainRefusal.Reason.WEAK_KEY, "RSA key of 512 bits",
                ChainCertificates.leaf("hello", new UnikernelCmd.Info(), weak, FROM, TO), weak);
        var rsaCa = ChainCertificates.builder("user").keys(ChainCertificates.rsa(2048)).issuer(root)
                .validity(FROM, TO).ca().build();
        var sha1 = ChainCertificates.builder("hello").issuer(rsaCa).validity(FROM, TO).leaf()
                .signatureAlgorithm("SHA1withRSA").extension(new UnikernelCmd.Info()).build();
        refused(ChainRefusal.Reason.UNSUPPORTED_ALGORITHM, "1.2.840.113549.1.1.5", sha1, rsaCa);
        var sha256 = ChainCertificates.leaf("hello", new UnikernelCmd.Info(), rsaCa, FROM, TO);
        assertTrue(validator.validate(ChainCertificates.chain(sha256, rsaCa), NOW).isAccepted());
    }

    @Test
    void acceptsEcdsaChains() {
        var ecRoot = ChainCertificates.builder("ca").keys(ChainCertificates.p256()).validity(FROM, TO).ca()
                .keyIds(false).build();
        var ecLeaf = ChainCertificates.builder("hello").keys(ChainCertificates.p256()).issuer(ecRoot)
                .validity(FROM, TO).leaf().extension(new UnikernelCmd.Info()).build();
        assertTrue(new ChainValidator(ecRoot.holder()).validate(ChainCertificates.chain(ecLeaf), NOW)
                .isAccepted());
    }

    @Test
    void refusesManyLookalikeIntermediatesThatNeverReachTheAnchor() {
        List<X509CertificateHolder> chain = new ArrayList<>();
        chain.add(leaf.holder());
        for (int i = 0; i < 9; i++) {
            // All named "user" and self-issued: candidates for every step, none signed by the right key.
            var loop = ChainCertificates.builder("user").subject(user.holder().getSubject()).validity(FROM, TO).ca()
                    .keyIds(false).build();
            chain.add(loop.holder());
        }
        ChainRefusal r = refusal(chain);
        assertEquals(ChainRefusal.Reason.BAD_SIGNATURE, r.reason(), r.message());
    }
}
