package dev.albatross.daemon.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;

/**
 * The endpoint's three files (spec §11): {@code CA} (exactly one certificate, the trust anchor), {@code CERT}
 * (the server's chain, leaf first) and {@code KEY} (its private key; PKCS#8 as {@code albatross-client} writes it,
 * or a traditional RSA/EC key). Ed25519, RSA and ECDSA keys are accepted.
 */
public record TlsCredentials(X509Certificate anchor, List<X509Certificate> chain, PrivateKey key) {
    public TlsCredentials {
        Objects.requireNonNull(anchor, "anchor");
        chain = List.copyOf(chain);
        Objects.requireNonNull(key, "key");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("empty server certificate chain");
        }
    }

    /** Reads the files; the message of a failure names the file and the problem. */
    public static TlsCredentials read(Path ca, Path cert, Path key) throws IOException {
        List<X509Certificate> cas = certificates(ca);
        if (cas.size() != 1) {
            throw new IOException(ca + ": expect single ca as cacert (found " + cas.size() + " certificates)");
        }
        List<X509Certificate> chain = certificates(cert);
        if (chain.isEmpty()) {
            throw new IOException(cert + ": no certificate");
        }
        return new TlsCredentials(cas.get(0), chain, privateKey(key));
    }

    /** The certificates of a PEM file, in order. */
    public static List<X509Certificate> certificates(Path file) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
                if (o instanceof X509CertificateHolder holder) {
                    out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(holder.getEncoded())));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The private key of a PEM file. */
    public static PrivateKey privateKey(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
            Object o = pem.readObject();
            PrivateKeyInfo info = o instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo()
                    : o instanceof PrivateKeyInfo i ? i : null;
            if (info == null) {
                throw new IOException(file + ": no private key");
            }
            return KeyFactory.getInstance(algorithm(info)).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static String algorithm(PrivateKeyInfo info) throws IOException {
        var oid = info.getPrivateKeyAlgorithm().getAlgorithm();
        if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
            return "Ed25519";
        } else if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            return "RSA";
        } else if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            return "EC";
        }
        throw new IOException("unsupported private key algorithm " + oid);
    }
}
