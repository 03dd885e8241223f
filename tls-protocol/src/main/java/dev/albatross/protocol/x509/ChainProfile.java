package dev.albatross.protocol.x509;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The rules one certificate must meet on its own (spec §6.4): validity at an instant, version, and the
 * extension profile of an intermediate CA or of a TLS client leaf, following ocaml-x509 ({@code is_cert_valid},
 * {@code validate_ca_extensions}, {@code validate_server_extensions}) and ocaml-tls's client-certificate check.
 */
final class ChainProfile {
    /**
     * Critical extensions an intermediate may carry: the ones this validator processes. ocaml-x509 also lets a
     * critical NameConstraints pass without enforcing it; we refuse it instead, since we do not enforce it either.
     */
    private static final Set<ASN1ObjectIdentifier> CA_CRITICAL = Set.of(Extension.basicConstraints,
            Extension.keyUsage, Extension.extendedKeyUsage);
    /** Critical extensions a leaf may carry ({@code validate_server_extensions}, without certificate policies). */
    private static final Set<ASN1ObjectIdentifier> LEAF_CRITICAL = Set.of(Extension.basicConstraints,
            Extension.keyUsage, Extension.extendedKeyUsage, Extension.subjectAlternativeName);

    private ChainProfile() {
    }

    /** {@code certificate "CN=hello"}: how refusals name a certificate. */
    static String describe(X509CertificateHolder cert) {
        return "certificate \"" + cert.getSubject() + "\"";
    }

    /** The first common name of the subject, if there is one (ocaml-x509's {@code common_name}). */
    static Optional<String> commonName(X509CertificateHolder cert) {
        for (RDN rdn : cert.getSubject().getRDNs(BCStyle.CN)) {
            var value = rdn.getFirst().getValue();
            return Optional.of(value instanceof ASN1String s ? s.getString() : value.toString());
        }
        return Optional.empty();
    }

    /** A certificate's validity period, both bounds inclusive (parsing the two times is not free). */
    record Validity(Instant notBefore, Instant notAfter) {
        static Validity of(X509CertificateHolder cert) {
            return new Validity(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
        }
    }

    /** Why {@code cert} is not valid at {@code now}, or empty. Both bounds are inclusive. */
    static Optional<ChainRefusal> validity(X509CertificateHolder cert, Instant now) {
        return validity(cert, Validity.of(cert), now);
    }

    /** As {@link #validity(X509CertificateHolder, Instant)}, with {@code cert}'s period already read. */
    static Optional<ChainRefusal> validity(X509CertificateHolder cert, Validity period, Instant now) {
        if (now.isBefore(period.notBefore())) {
            return Optional.of(new ChainRefusal(ChainRefusal.Reason.NOT_YET_VALID,
                    describe(cert) + " is not valid before " + period.notBefore() + " (now " + now + ")"));
        } else if (now.isAfter(period.notAfter())) {
            return Optional.of(new ChainRefusal(ChainRefusal.Reason.EXPIRED,
                    describe(cert) + " expired at " + period.notAfter() + " (now " + now + ")"));
        }
        return Optional.empty();
    }

    /** Why {@code cert} has extensions without being version 3, or empty. */
    static Optional<ChainRefusal> version(X509CertificateHolder cert) {
        if (cert.getExtensions() != null && cert.getVersionNumber() != 3) {
            return Optional.of(new ChainRefusal(ChainRefusal.Reason.BAD_VERSION, describe(cert) + " is version "
                    + cert.getVersionNumber() + " but has extensions, which need version 3"));
        }
        return Optional.empty();
    }

    /**
     * Why {@code cert} may not issue certificates (an intermediate, spec §6.4), or empty: BasicConstraints CA=true,
     * KeyUsage with keyCertSign, ExtendedKeyUsage absent or allowing any, serverAuth or clientAuth, no critical
     * extension this validator does not process.
     */
    static Optional<ChainRefusal> intermediate(X509CertificateHolder cert) {
        Extensions exts = cert.getExtensions();
        if (exts == null) {
            return refuse(ChainRefusal.Reason.NOT_A_CA, cert, "is an intermediate without BasicConstraints CA=true");
        }
        try {
            BasicConstraints bc = BasicConstraints.fromExtensions(exts);
            if (bc == null || !bc.isCA()) {
                return refuse(ChainRefusal.Reason.NOT_A_CA, cert, "is an intermediate without BasicConstraints CA=true");
            }
            KeyUsage ku = KeyUsage.fromExtensions(exts);
            if (ku == null || !ku.hasUsages(KeyUsage.keyCertSign)) {
                return refuse(ChainRefusal.Reason.NO_CERT_SIGN, cert, "is an intermediate whose KeyUsage lacks keyCertSign");
            }
            ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(exts);
            // Compat §13.2 #16: ocaml-x509 lets an intermediate's EKU pass only with anyExtendedKeyUsage or
            // serverAuth. We accept those (certificates Albatross accepts keep working) and clientAuth too, the
            // purpose these CAs actually serve; any other EKU is refused.
            if (eku != null && !eku.hasKeyPurposeId(KeyPurposeId.anyExtendedKeyUsage)
                    && !eku.hasKeyPurposeId(KeyPurposeId.id_kp_serverAuth)
                    && !eku.hasKeyPurposeId(KeyPurposeId.id_kp_clientAuth)) {
                return refuse(ChainRefusal.Reason.BAD_EXTENDED_KEY_USAGE, cert,
                        "is an intermediate whose ExtendedKeyUsage allows neither any, serverAuth nor clientAuth");
            }
        } catch (IllegalArgumentException e) {
            return refuse(ChainRefusal.Reason.MALFORMED_EXTENSION, cert, "has a malformed extension: " + e.getMessage());
        }
        return unknownCritical(cert, CA_CRITICAL);
    }

    /**
     * Why {@code cert} is not a usable TLS client leaf, or empty: not a CA, KeyUsage (if present) with
     * digitalSignature, ExtendedKeyUsage (if present) with clientAuth or any, no unknown critical extension.
     */
    static Optional<ChainRefusal> leaf(X509CertificateHolder cert) {
        Extensions exts = cert.getExtensions();
        if (exts == null) {
            return Optional.empty();
        }
        try {
            BasicConstraints bc = BasicConstraints.fromExtensions(exts);
            if (bc != null && bc.isCA()) {
                return refuse(ChainRefusal.Reason.LEAF_IS_CA, cert, "is a CA (BasicConstraints CA=true), not a leaf");
            }
            KeyUsage ku = KeyUsage.fromExtensions(exts);
            if (ku != null && !ku.hasUsages(KeyUsage.digitalSignature)) {
                return refuse(ChainRefusal.Reason.LEAF_KEY_USAGE, cert, "has a KeyUsage without digitalSignature");
            }
            ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(exts);
            if (eku != null && !eku.hasKeyPurposeId(KeyPurposeId.id_kp_clientAuth)
                    && !eku.hasKeyPurposeId(KeyPurposeId.anyExtendedKeyUsage)) {
                return refuse(ChainRefusal.Reason.BAD_EXTENDED_KEY_USAGE, cert,
                        "has an ExtendedKeyUsage without clientAuth");
            }
        } catch (IllegalArgumentException e) {
            return refuse(ChainRefusal.Reason.MALFORMED_EXTENSION, cert, "has a malformed extension: " + e.getMessage());
        }
        return unknownCritical(cert, LEAF_CRITICAL);
    }

    /**
     * Why {@code cert}'s pathLenConstraint forbids {@code below} intermediates between it and the leaf, or empty
     * (ocaml-x509's {@code validate_path_len}; version 1 and 2 certificates have no constraint).
     */
    static Optional<ChainRefusal> pathLength(X509CertificateHolder cert, int below) {
        if (cert.getVersionNumber() != 3) {
            return Optional.empty();
        }
        BasicConstraints bc;
        try {
            bc = BasicConstraints.fromExtensions(cert.getExtensions());
        } catch (IllegalArgumentException e) {
            return refuse(ChainRefusal.Reason.MALFORMED_EXTENSION, cert, "has a malformed extension: " + e.getMessage());
        }
        if (bc == null || !bc.isCA()) {
            return refuse(ChainRefusal.Reason.NOT_A_CA, cert, "issues certificates without BasicConstraints CA=true");
        }
        BigInteger limit = bc.getPathLenConstraint();
        if (limit != null && limit.compareTo(BigInteger.valueOf(below)) < 0) {
            return refuse(ChainRefusal.Reason.PATH_LENGTH, cert, "allows " + limit
                    + " intermediate(s) below it, the chain has " + below);
        }
        return Optional.empty();
    }

    private static Optional<ChainRefusal> unknownCritical(X509CertificateHolder cert, Set<ASN1ObjectIdentifier> known) {
        for (ASN1ObjectIdentifier oid : cert.getExtensions().getCriticalExtensionOIDs()) {
            if (!known.contains(oid)) {
                String what = oid.equals(CertExtension.OID) ? oid + " (the Albatross extension, which must not be "
                        + "critical)" : oid.toString();
                return refuse(ChainRefusal.Reason.UNKNOWN_CRITICAL_EXTENSION, cert,
                        "has an unknown critical extension " + what);
            }
        }
        return Optional.empty();
    }

    private static Optional<ChainRefusal> refuse(ChainRefusal.Reason reason, X509CertificateHolder cert, String why) {
        return Optional.of(new ChainRefusal(reason, describe(cert) + " " + why));
    }
}
