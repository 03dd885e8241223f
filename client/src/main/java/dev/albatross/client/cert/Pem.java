package dev.albatross.client.cert;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * PEM text as Albatross writes and reads it: keys as PKCS#8 {@code PRIVATE KEY} (reading also accepts
 * {@code RSA PRIVATE KEY} and {@code EC PRIVATE KEY}), certificates one after the other, CSRs.
 */
public final class Pem {
    private Pem() {
    }

    /** {@code -----BEGIN <label>-----}, base64 in 64-column lines, {@code -----END <label>-----}, newline. */
    public static String encode(String label, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + b64 + "\n-----END " + label + "-----\n";
    }

    public static String privateKey(PrivateKey key) {
        return encode("PRIVATE KEY", key.getEncoded());
    }

    public static String certificate(X509Certificate cert) {
        try {
            return encode("CERTIFICATE", cert.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("a parsed certificate has an encoding", e);
        }
    }

    /** Every certificate in {@code text}, in order; fails if there is none. */
    public static List<X509Certificate> certificates(String text) throws IOException {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certs = new ArrayList<>();
            for (var c : factory.generateCertificates(
                    new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)))) {
                certs.add((X509Certificate) c);
            }
            if (certs.isEmpty()) {
                throw new IOException("no certificate found");
            }
            return certs;
        } catch (CertificateException e) {
            throw new IOException("invalid certificate: " + e.getMessage(), e);
        }
    }

    /** The private key in {@code text}. */
    public static PrivateKey privateKey(String text) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            Object o = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (o instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            throw new IOException("no private key found");
        } catch (org.bouncycastle.openssl.PEMException e) {
            throw new IOException("invalid private key: " + e.getMessage(), e);
        }
    }

    /** The certificate signing request in {@code text}. */
    public static PKCS10CertificationRequest request(String text) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            Object o = parser.readObject();
            if (o instanceof PKCS10CertificationRequest csr) {
                return csr;
            }
            throw new IOException("no certificate signing request found");
        }
    }
}
