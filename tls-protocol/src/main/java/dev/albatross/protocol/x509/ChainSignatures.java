package dev.albatross.protocol.x509;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentVerifierProviderBuilder;
import org.bouncycastle.operator.bc.BcEdDSAContentVerifierProviderBuilder;
import org.bouncycastle.operator.bc.BcRSAContentVerifierProviderBuilder;

/**
 * The cryptographic link between a certificate and its issuer (spec §6.4): allowed signature algorithms, RSA key
 * sizes, key identifiers, and the signature itself. Uses BouncyCastle's lightweight API, so nothing is registered
 * with the JCA and no provider state is shared.
 */
final class ChainSignatures {
    /** ocaml-x509's {@code sha2} hash list, with Ed25519 (which it counts as SHA-512). RSA-PSS is not accepted. */
    private static final Set<ASN1ObjectIdentifier> ALGORITHMS = Set.of(
            PKCSObjectIdentifiers.sha256WithRSAEncryption, PKCSObjectIdentifiers.sha384WithRSAEncryption,
            PKCSObjectIdentifiers.sha512WithRSAEncryption, X9ObjectIdentifiers.ecdsa_with_SHA256,
            X9ObjectIdentifiers.ecdsa_with_SHA384, X9ObjectIdentifiers.ecdsa_with_SHA512,
            EdECObjectIdentifiers.id_Ed25519);
    /** Shorter RSA keys are refused, as by mirage-crypto under ocaml-tls. */
    static final int MIN_RSA_BITS = 1024;

    private ChainSignatures() {
    }

    /** Why {@code cert}'s signature algorithm is not allowed, or empty. */
    static Optional<ChainRefusal> algorithm(X509CertificateHolder cert) {
        ASN1ObjectIdentifier oid = cert.getSignatureAlgorithm().getAlgorithm();
        if (ALGORITHMS.contains(oid)) {
            return Optional.empty();
        }
        return Optional.of(new ChainRefusal(ChainRefusal.Reason.UNSUPPORTED_ALGORITHM, ChainProfile.describe(cert)
                + ": signature algorithm " + oid + " is not allowed (RSA or ECDSA with SHA-256/384/512, or Ed25519)"));
    }

    /** Why {@code cert}'s own key is unusable (an RSA key under 1024 bits, or a key that does not parse), or empty. */
    static Optional<ChainRefusal> key(X509CertificateHolder cert) {
        AsymmetricKeyParameter key;
        try {
            key = PublicKeyFactory.createKey(cert.getSubjectPublicKeyInfo());
        } catch (IOException | RuntimeException e) {
            // BouncyCastle reports unknown or malformed keys with either; both mean "this key cannot be used".
            return Optional.of(new ChainRefusal(ChainRefusal.Reason.UNSUPPORTED_ALGORITHM,
                    ChainProfile.describe(cert) + ": unsupported or malformed public key (" + e.getMessage() + ")"));
        }
        if (key instanceof RSAKeyParameters rsa) {
            BigInteger modulus = rsa.getModulus();
            if (modulus.bitLength() < MIN_RSA_BITS) {
                return Optional.of(new ChainRefusal(ChainRefusal.Reason.WEAK_KEY, ChainProfile.describe(cert)
                        + ": RSA key of " + modulus.bitLength() + " bits, fewer than " + MIN_RSA_BITS));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the authority key identifier of {@code cert} names {@code issuer}'s subject key identifier; true
     * when either is absent (ocaml-x509's {@code ext_authority_matches_subject}).
     */
    static boolean keyIdsMatch(X509CertificateHolder cert, X509CertificateHolder issuer) {
        AuthorityKeyIdentifier aki;
        SubjectKeyIdentifier ski;
        try {
            aki = AuthorityKeyIdentifier.fromExtensions(cert.getExtensions());
            ski = SubjectKeyIdentifier.fromExtensions(issuer.getExtensions());
        } catch (IllegalArgumentException e) {
            return false; // a malformed identifier cannot vouch for the link; reported as a mismatch
        }
        if (aki == null || ski == null || aki.getKeyIdentifierObject() == null) {
            return true;
        }
        return Arrays.equals(aki.getKeyIdentifierOctets(), ski.getKeyIdentifier());
    }

    /** Whether {@code cert} has key identifiers that are present but do not parse. */
    static boolean hasMalformedKeyIds(X509CertificateHolder cert) {
        try {
            AuthorityKeyIdentifier.fromExtensions(cert.getExtensions());
            SubjectKeyIdentifier.fromExtensions(cert.getExtensions());
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /** Whether {@code cert}'s signature verifies with {@code issuerKey}. */
    static boolean verifies(X509CertificateHolder cert, SubjectPublicKeyInfo issuerKey) {
        try {
            return cert.isSignatureValid(verifier(issuerKey));
        } catch (CertException | OperatorCreationException | IOException | RuntimeException e) {
            // A key that does not fit the algorithm, or a malformed signature: it does not verify.
            return false;
        }
    }

    private static ContentVerifierProvider verifier(SubjectPublicKeyInfo issuerKey)
            throws IOException, OperatorCreationException {
        AsymmetricKeyParameter key = PublicKeyFactory.createKey(issuerKey);
        if (key instanceof Ed25519PublicKeyParameters) {
            return new BcEdDSAContentVerifierProviderBuilder().build(key);
        } else if (key instanceof RSAKeyParameters) {
            return new BcRSAContentVerifierProviderBuilder(new DefaultDigestAlgorithmIdentifierFinder()).build(key);
        } else if (key instanceof ECPublicKeyParameters) {
            return new BcECContentVerifierProviderBuilder(new DefaultDigestAlgorithmIdentifierFinder()).build(key);
        }
        throw new OperatorCreationException("unsupported issuer key " + issuerKey.getAlgorithm().getAlgorithm());
    }

    /** The key identifier extension OIDs, for the list of extensions the validator understands. */
    static final Set<ASN1ObjectIdentifier> KEY_ID_EXTENSIONS = Set.of(Extension.authorityKeyIdentifier,
            Extension.subjectKeyIdentifier);
}
