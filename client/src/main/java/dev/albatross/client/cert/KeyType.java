package dev.albatross.client.cert;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Locale;

/** The key types {@code --key-type} offers (spec §6.2); Ed25519 is Albatross's default since 1.3.0. */
public enum KeyType {
    RSA2048, RSA4096, ED25519, P256, P384, P521;

    /** The option value, e.g. {@code ed25519}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A fresh key pair of this type. */
    public KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator g = switch (this) {
                case RSA2048, RSA4096 -> KeyPairGenerator.getInstance("RSA");
                case ED25519 -> KeyPairGenerator.getInstance("Ed25519");
                case P256, P384, P521 -> KeyPairGenerator.getInstance("EC");
            };
            switch (this) {
                case RSA2048 -> g.initialize(2048, random);
                case RSA4096 -> g.initialize(4096, random);
                case ED25519 -> g.initialize(255, random);
                case P256 -> g.initialize(new ECGenParameterSpec("secp256r1"), random);
                case P384 -> g.initialize(new ECGenParameterSpec("secp384r1"), random);
                case P521 -> g.initialize(new ECGenParameterSpec("secp521r1"), random);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + this + " key generation", e);
        }
    }

    /**
     * The JCA signature algorithm x509 uses for a key: pure EdDSA for Ed25519, PKCS#1 v1.5 with SHA-256 for RSA,
     * ECDSA with SHA-256/384/512 for P-256/384/521 (spec §6.2).
     */
    public static String signatureAlgorithm(PrivateKey key) {
        String alg = key.getAlgorithm();
        if (alg.equalsIgnoreCase("EdDSA") || alg.equalsIgnoreCase("Ed25519")) {
            return "Ed25519";
        }
        if (alg.equalsIgnoreCase("RSA")) {
            return "SHA256withRSA";
        }
        if (key instanceof ECKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return bits <= 256 ? "SHA256withECDSA" : bits <= 384 ? "SHA384withECDSA" : "SHA512withECDSA";
        }
        throw new IllegalArgumentException("unsupported key type " + alg);
    }

    /** Albatross's name of a key's type in messages ({@code X509.Key_type.pp}). */
    public String label() {
        return switch (this) {
            case RSA2048, RSA4096 -> "RSA";
            case ED25519 -> "ED25519";
            case P256 -> "P256";
            case P384 -> "P384";
            case P521 -> "P521";
        };
    }
}
