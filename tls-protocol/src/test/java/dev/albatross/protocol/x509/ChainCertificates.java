package dev.albatross.protocol.x509;

import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.PolicyCmd;
import dev.albatross.protocol.wire.Policy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes certificates for tests with the profiles {@code albatross-client} uses (spec §6.2): CA certificates
 * (BasicConstraints CA, KeyUsage keyCertSign/cRLSign/digitalSignature/contentCommitment, optional policy),
 * leaf command certificates (KeyUsage digitalSignature/keyEncipherment, CA=false, EKU clientAuth, command) and
 * server certificates (EKU serverAuth); key identifiers on all but self-signed roots. Ed25519 by default.
 * Every part can be overridden to make the broken certificates the validator must refuse. Shared with the
 * daemon's TLS tests through the test jar.
 */
public final class ChainCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(0x1000);

    private ChainCertificates() {
    }

    /** A certificate and the key pair of its subject. */
    public record Issued(X509CertificateHolder holder, KeyPair keys) {
        public X509Certificate jca() {
            try {
                return (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new java.io.ByteArrayInputStream(holder.getEncoded()));
            } catch (CertificateException | IOException e) {
                throw new IllegalStateException(e);
            }
        }

        public String cn() {
            return ChainProfile.commonName(holder).orElse("");
        }
    }

    public static KeyPair ed25519() {
        return generate("Ed25519", null);
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair p256() {
        return generate("EC", new ECGenParameterSpec("secp256r1"));
    }

    private static KeyPair generate(String algorithm, ECGenParameterSpec spec) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (spec != null) {
                g.initialize(spec);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signature algorithm {@code albatross-client} uses for a key (spec §6.2). */
    public static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> "Ed25519";
        };
    }

    /** A self-signed root CA like {@code albatross-client generate}: CA profile, no key identifiers. */
    public static Issued root(String cn, Instant from, Instant to) {
        return builder(cn).validity(from, to).ca().keyIds(false).build();
    }

    /** An intermediate CA carrying {@code policy}, issued by {@code issuer}. */
    public static Issued policyCa(String cn, Policy policy, Issued issuer, Instant from, Instant to) {
        return builder(cn).issuer(issuer).validity(from, to).ca().extension(new PolicyCmd.Add(policy)).build();
    }

    /** A leaf command certificate issued by {@code issuer}. */
    public static Issued leaf(String cn, Command command, Issued issuer, Instant from, Instant to) {
        return builder(cn).issuer(issuer).validity(from, to).leaf().extension(command).build();
    }

    public static Builder builder(String cn) {
        return new Builder(cn);
    }

    /** The holders of {@code certs}, in order: a chain as a client presents it. */
    public static List<X509CertificateHolder> chain(Issued... certs) {
        List<X509CertificateHolder> out = new ArrayList<>();
        for (Issued c : certs) {
            out.add(c.holder());
        }
        return out;
    }

    /** Builds one certificate; the defaults are a leaf-less, extension-less Ed25519 certificate valid for a day. */
    public static final class Builder {
        private X500Name subject;
        private KeyPair keys = ed25519();
        private Issued issuer;
        private Instant from = Instant.parse("2026-01-01T00:00:00Z");
        private Instant to = from.plus(Duration.ofDays(365));
        private boolean keyIds = true;
        private String algorithm;
        private final List<Extension> extensions = new ArrayList<>();

        private Builder(String cn) {
            this.subject = cn == null ? new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "no-cn").build()
                    : new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, cn).build();
        }

        public Builder subject(X500Name value) {
            this.subject = value;
            return this;
        }

        public Builder keys(KeyPair value) {
            this.keys = value;
            return this;
        }

        public Builder issuer(Issued value) {
            this.issuer = value;
            return this;
        }

        public Builder validity(Instant notBefore, Instant notAfter) {
            this.from = notBefore;
            this.to = notAfter;
            return this;
        }

        public Builder keyIds(boolean value) {
            this.keyIds = value;
            return this;
        }

        /** A JCA signature algorithm name other than the key's default (e.g. {@code SHA1withRSA}). */
        public Builder signatureAlgorithm(String value) {
            this.algorithm = value;
            return this;
        }

        /** The CA profile ({@code d_exts}). */
        public Builder ca() {
            basicConstraints(true, new BasicConstraints(true));
            return keyUsage(true, KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature
                    | KeyUsage.nonRepudiation);
        }

        /** The leaf command profile ({@code l_exts}) without the command. */
        public Builder leaf() {
            keyUsage(true, KeyUsage.digitalSignature | KeyUsage.keyEncipherment);
            basicConstraints(true, new BasicConstraints(false));
            return extendedKeyUsage(true, KeyPurposeId.id_kp_clientAuth);
        }

        /** The server profile ({@code s_exts}). */
        public Builder server() {
            keyUsage(true, KeyUsage.digitalSignature | KeyUsage.keyEncipherment);
            basicConstraints(true, new BasicConstraints(false));
            return extendedKeyUsage(true, KeyPurposeId.id_kp_serverAuth);
        }

        public Builder basicConstraints(boolean critical, BasicConstraints value) {
            return put(Extension.basicConstraints, critical, value);
        }

        public Builder keyUsage(boolean critical, int usage) {
            return put(Extension.keyUsage, critical, new KeyUsage(usage));
        }

        public Builder extendedKeyUsage(boolean critical, KeyPurposeId... purposes) {
            return put(Extension.extendedKeyUsage, critical, new ExtendedKeyUsage(purposes));
        }

        /** The Albatross extension (non-critical) carrying {@code command}. */
        public Builder extension(Command command) {
            return raw(CertExtension.OID, false, CertExtension.encode(command));
        }

        /** Any extension with a raw value (replacing one with the same OID). */
        public Builder raw(ASN1ObjectIdentifier oid, boolean critical, byte[] value) {
            extensions.removeIf(e -> e.getExtnId().equals(oid));
            extensions.add(new Extension(oid, critical, value));
            return this;
        }

        public Builder without(ASN1ObjectIdentifier oid) {
            extensions.removeIf(e -> e.getExtnId().equals(oid));
            return this;
        }

        private Builder put(ASN1ObjectIdentifier oid, boolean critical, org.bouncycastle.asn1.ASN1Encodable value) {
            try {
                return raw(oid, critical, value.toASN1Primitive().getEncoded());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public Issued build() {
            X500Name issuerName = issuer == null ? subject : issuer.holder().getSubject();
            PrivateKey signer = issuer == null ? keys.getPrivate() : issuer.keys().getPrivate();
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
            X509v3CertificateBuilder b = new X509v3CertificateBuilder(issuerName,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from), Date.from(to), subject, spki);
            try {
                for (Extension e : extensions) {
                    b.addExtension(e);
                }
                if (keyIds && issuer != null) {
                    BcX509ExtensionUtils utils = new BcX509ExtensionUtils();
                    b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(spki));
                    b.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(
                            issuer.holder().getSubjectPublicKeyInfo()));
                }
                String alg = algorithm != null ? algorithm : ChainCertificates.signatureAlgorithm(signer);
                X509CertificateHolder holder = b.build(new JcaContentSignerBuilder(alg).build(signer));
                return new Issued(holder, keys);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (OperatorCreationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
