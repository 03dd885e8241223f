package dev.albatross.client.cert;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/**
 * Whether a private key belongs to a certificate's public key. Albatross compares the encoded public keys; the
 * JDK cannot derive every public key from its private key, so we sign a message and verify it, which answers
 * the same question for every key type.
 */
public final class KeyMatch {
    private static final byte[] PROBE = "albatross-client key check".getBytes(StandardCharsets.US_ASCII);

    private KeyMatch() {
    }

    public static boolean matches(PrivateKey key, PublicKey pub) {
        if (!sameFamily(key.getAlgorithm(), pub.getAlgorithm())) {
            return false;
        }
        try {
            String alg = KeyType.signatureAlgorithm(key);
            Signature signer = Signature.getInstance(alg);
            signer.initSign(key);
            signer.update(PROBE);
            byte[] sig = signer.sign();
            Signature verifier = Signature.getInstance(alg);
            verifier.initVerify(pub);
            verifier.update(PROBE);
            return verifier.verify(sig);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // a key that cannot sign or verify with the other's algorithm is not its pair
        }
    }

    private static boolean sameFamily(String a, String b) {
        return normalise(a).equals(normalise(b));
    }

    private static String normalise(String alg) {
        return alg.equalsIgnoreCase("Ed25519") || alg.equalsIgnoreCase("EdDSA") ? "EDDSA" : alg.toUpperCase(
                java.util.Locale.ROOT);
    }
}
