package dev.albatross.protocol.x509;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
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
import org.bouncycastle.crypto.signers.Ed25519Signer;
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
 * with the JCA and no provider state is shared; except that a large certificate signed with Ed25519 (a leaf with an
 * image) is checked by the JDK's own Ed25519 (SunEC), named explicitly.
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
    /**
     * From this many signed bytes on, an Ed25519 signature is checked by the JDK. Ed25519 hashes the whole
     * to-be-signed certificate with SHA-512: the JDK's SHA-512 is a compiler intrinsic, BouncyCastle's is plain Java
     * (about 1.7 against 3.7 ns per byte on our hosts), while BouncyCastle's curve arithmetic is faster (0.17 against
     * 1.8 ms per verification). They break even near 400 KiB; a leaf with a 1 MiB image takes 2.3 instead of 3.9 ms,
     * one with 16 MiB 28 instead of 62 ms.
     */
    static final int JDK_ED25519_MIN_BYTES = 512 * 1024;
    /** The JDK's provider of Ed25519; absent on a JDK without it, and then BouncyCastle checks every size. */
    private static final String JDK_EC_PROVIDER = "SunEC";

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

    /**
     * An issuer's public key, parsed once for every signature checked with it (an Ed25519 point is decompressed,
     * an RSA modulus read); empty parameters if it does not parse, and then no signature verifies with it.
     */
    record IssuerKey(SubjectPublicKeyInfo info, Optional<AsymmetricKeyParameter> parameters) {
        static IssuerKey of(SubjectPublicKeyInfo info) {
            try {
                return new IssuerKey(info, Optional.of(PublicKeyFactory.createKey(info)));
            } catch (IOException | RuntimeException e) {
                // BouncyCastle reports unknown or malformed keys with either; both mean "this key cannot be used".
                return new IssuerKey(info, Optional.empty());
            }
        }
    }

    /** Whether {@code cert}'s signature verifies with {@code issuerKey}. */
    static boolean verifies(X509CertificateHolder cert, IssuerKey issuerKey) {
        try {
            if (issuerKey.parameters().isEmpty()) {
                return false;
            }
            AsymmetricKeyParameter key = issuerKey.parameters().get();
            if (key instanceof Ed25519PublicKeyParameters ed25519
                    && cert.getSignatureAlgorithm().getAlgorithm().equals(EdECObjectIdentifiers.id_Ed25519)) {
                return sameAlgorithm(cert.toASN1Structure().getTBSCertificate().getSignature(),
                        cert.getSignatureAlgorithm()) && ed25519Verifies(cert, issuerKey.info(), ed25519);
            }
            return cert.isSignatureValid(verifier(key, issuerKey.info()));
        } catch (CertException | OperatorCreationException | IOException | GeneralSecurityException
                | RuntimeException e) {
            // A key that does not fit the algorithm, or a malformed signature: it does not verify.
            return false;
        }
    }

    /**
     * Whether the algorithm inside the signed part equals the one outside (an absent parameter equals NULL), as
     * {@link X509CertificateHolder#isSignatureValid} checks before it verifies.
     */
    private static boolean sameAlgorithm(AlgorithmIdentifier inside, AlgorithmIdentifier outside) {
        if (!inside.getAlgorithm().equals(outside.getAlgorithm())) {
            return false;
        }
        ASN1Encodable a = inside.getParameters();
        ASN1Encodable b = outside.getParameters();
        if (a == null || b == null) {
            return (a == null || DERNull.INSTANCE.equals(a)) && (b == null || DERNull.INSTANCE.equals(b));
        }
        return a.equals(b);
    }

    /** Pure Ed25519 over the DER of the to-be-signed certificate: BouncyCastle's, or the JDK's for large ones. */
    private static boolean ed25519Verifies(X509CertificateHolder cert, SubjectPublicKeyInfo issuerKey,
            Ed25519PublicKeyParameters prepared) throws IOException, GeneralSecurityException {
        byte[] tbs = cert.toASN1Structure().getTBSCertificate().getEncoded(ASN1Encoding.DER);
        byte[] signature = cert.getSignature();
        Provider jdk = tbs.length >= JDK_ED25519_MIN_BYTES ? Security.getProvider(JDK_EC_PROVIDER) : null;
        if (jdk != null) {
            PublicKey key = KeyFactory.getInstance("Ed25519", jdk)
                    .generatePublic(new X509EncodedKeySpec(issuerKey.getEncoded(ASN1Encoding.DER)));
            Signature verifier = Signature.getInstance("Ed25519", jdk);
            verifier.initVerify(key);
            verifier.update(tbs);
            return verifier.verify(signature);
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, prepared);
        verifier.update(tbs, 0, tbs.length);
        return verifier.verifySignature(signature);
    }

    private static ContentVerifierProvider verifier(AsymmetricKeyParameter key, SubjectPublicKeyInfo issuerKey)
            throws OperatorCreationException {
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
