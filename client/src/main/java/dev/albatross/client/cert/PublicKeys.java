package dev.albatross.client.cert;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/** The public half of a private key read from a file (the JDK cannot derive it for Ed25519 and EC keys). */
public final class PublicKeys {
    private PublicKeys() {
    }

    public static PublicKey of(PrivateKey key) throws IOException {
        AsymmetricKeyParameter priv = PrivateKeyFactory.createKey(PrivateKeyInfo.getInstance(key.getEncoded()));
        AsymmetricKeyParameter pub;
        if (priv instanceof Ed25519PrivateKeyParameters ed) {
            pub = ed.generatePublicKey();
        } else if (priv instanceof RSAPrivateCrtKeyParameters rsa) {
            pub = new RSAKeyParameters(false, rsa.getModulus(), rsa.getPublicExponent());
        } else if (priv instanceof ECPrivateKeyParameters ec) {
            pub = new ECPublicKeyParameters(ec.getParameters().getG().multiply(ec.getD()).normalize(),
                    ec.getParameters());
        } else {
            throw new IOException("unsupported key type " + key.getAlgorithm());
        }
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pub);
        try {
            return KeyFactory.getInstance(key.getAlgorithm()).generatePublic(new X509EncodedKeySpec(
                    spki.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot rebuild the public key: " + e.getMessage(), e);
        }
    }

    /** The key type of an existing key, for messages. */
    public static String describe(PrivateKey key) {
        return key.getAlgorithm();
    }
}
