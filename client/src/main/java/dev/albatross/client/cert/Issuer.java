package dev.albatross.client.cert;

import dev.albatross.protocol.der.Bytes;
import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues a certificate as {@code X509.Signing_request.sign} does for Albatross (spec §6.2): version 3, a serial of
 * 10 random bytes made a positive INTEGER, validity from 10 s before now to now plus the lifetime (whole seconds),
 * the extensions in ascending order of their OIDs' content octets (the albatross extension first), signed by the
 * issuer's key with its default algorithm.
 */
public final class Issuer {
    /** Backdating, so that a server whose clock is a little behind accepts the certificate (spec §6.2). */
    static final Duration BACKDATE = Duration.ofSeconds(10);

    private Issuer() {
    }

    /** What to certify. {@code keyIds}: add subject and authority key identifiers (not for a self-signed root). */
    public record Request(X500Name subject, SubjectPublicKeyInfo publicKey, List<Profile.Ext> extensions,
                          boolean keyIds, Duration lifetime) {
    }

    /** The issuer: its name (as encoded in its certificate), key, and public key for the key identifier. */
    public record Signer(X500Name name, PrivateKey key, SubjectPublicKeyInfo publicKey) {
    }

    public static X509Certificate issue(Request request, Signer signer, Instant now, SecureRandom random) {
        Instant t = now.truncatedTo(ChronoUnit.SECONDS);
        List<Profile.Ext> exts = new ArrayList<>(request.extensions());
        if (request.keyIds()) {
            exts.add(new Profile.Ext(Extension.subjectKeyIdentifier, false,
                    Bytes.wrap(octetString(keyId(request.publicKey())))));
            byte[] aki = keyId(signer.publicKey());
            byte[] value = new byte[aki.length + 4];
            value[0] = 0x30;
            value[1] = (byte) (aki.length + 2);
            value[2] = (byte) 0x80;
            value[3] = (byte) aki.length;
            System.arraycopy(aki, 0, value, 4, aki.length);
            exts.add(new Profile.Ext(Extension.authorityKeyIdentifier, false, Bytes.wrap(value)));
        }
        exts.sort(Comparator.comparing(e -> Bytes.wrap(oidEncoding(e)), Bytes::compareTo));
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(signer.name(), serial(random),
                Date.from(t.minus(BACKDATE)), Date.from(t.plus(request.lifetime())), request.subject(),
                request.publicKey());
        try {
            for (Profile.Ext e : exts) {
                builder.addExtension(e.oid(), e.critical(), e.value().toByteArray());
            }
            ContentSigner contentSigner = new JcaContentSignerBuilder(KeyType.signatureAlgorithm(signer.key()))
                    .setSecureRandom(random).build(signer.key());
            X509CertificateHolder holder = builder.build(contentSigner);
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertIOException | OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("issuing a certificate from valid parts failed", e);
        }
    }

    /** The OID's content octets (without tag and length): x509 orders extensions by them. */
    private static byte[] oidEncoding(Profile.Ext e) {
        try {
            byte[] der = e.oid().getEncoded();
            return java.util.Arrays.copyOfRange(der, 2, der.length);
        } catch (IOException ex) {
            throw new IllegalStateException("an OID has an encoding", ex);
        }
    }

    /** RFC 5280 method 1, as {@code X509.Public_key.id}: SHA-1 over the subjectPublicKey bits. */
    public static byte[] keyId(SubjectPublicKeyInfo spki) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(spki.getPublicKeyData().getBytes());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }

    private static byte[] octetString(byte[] content) {
        byte[] out = new byte[content.length + 2];
        out[0] = 0x04;
        out[1] = (byte) content.length;
        System.arraycopy(content, 0, out, 2, content.length);
        return out;
    }

    /**
     * Ten random bytes as a positive INTEGER, x509's way: {@code 00} prepended when the top bit is set, {@code 7f}
     * prepended when the bytes start {@code 00} and a byte {@code <= 7f} (which would not be minimal DER).
     */
    static BigInteger serial(SecureRandom random) {
        byte[] s = new byte[10];
        random.nextBytes(s);
        return new BigInteger(serialBytes(s));
    }

    static byte[] serialBytes(byte[] s) {
        int start = s[0] & 0xFF;
        if (start > 0x7f) {
            byte[] out = new byte[s.length + 1];
            System.arraycopy(s, 0, out, 1, s.length);
            return out;
        }
        if (start == 0 && (s[1] & 0xFF) <= 0x7f) {
            byte[] out = new byte[s.length + 1];
            out[0] = 0x7f;
            System.arraycopy(s, 0, out, 1, s.length);
            return out;
        }
        return Arrays.copyOf(s, s.length);
    }

    /** The serial as Albatross writes it into the database: the INTEGER's content bytes in lowercase hex. */
    public static String serialHex(X509Certificate cert) {
        return Bytes.wrap(cert.getSerialNumber().toByteArray()).toHex();
    }
}
