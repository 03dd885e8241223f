package dev.albatross.daemon.tls;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.XECKey;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.EdECPoint;
import java.security.spec.NamedParameterSpec;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * Converts the JDK's key interfaces ({@code EdEC*}, {@code XEC*}; implemented by the JDK's own keys and by
 * {@link X25519Key}) to BouncyCastle's lightweight parameters, refusing every other curve, so that
 * {@link Curve25519Provider}'s algorithms work with keys whichever provider made them.
 *
 * <pre>
 *   Ed25519 public key (RFC 8032 5.1.2):  y, 32 bytes little-endian, bit 255 = x is odd
 *   X25519 u coordinate (RFC 7748 5):      u, 32 bytes little-endian, bit 255 ignored
 * </pre>
 */
final class Curve25519Keys {
    static final int KEY_BYTES = 32;
    private static final BigInteger LOW_255_BITS = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE);

    private Curve25519Keys() {
    }

    static boolean isEd25519(Object key) {
        return key instanceof EdECKey k && named(k.getParams(), NamedParameterSpec.ED25519);
    }

    static boolean isX25519(Object key) {
        return key instanceof XECKey k && named(k.getParams(), NamedParameterSpec.X25519);
    }

    /** Whether {@code params} names the curve {@code curve} (the JDK's keys carry a {@link NamedParameterSpec}). */
    static boolean named(AlgorithmParameterSpec params, NamedParameterSpec curve) {
        return params instanceof NamedParameterSpec n && n.getName().equalsIgnoreCase(curve.getName());
    }

    static Ed25519PublicKeyParameters ed25519(PublicKey key) throws InvalidKeyException {
        if (!(key instanceof EdECPublicKey k) || !isEd25519(key)) {
            throw notFor("Ed25519", key);
        }
        EdECPoint point = k.getPoint();
        byte[] encoded = littleEndian(point.getY());
        if (point.isXOdd()) {
            encoded[KEY_BYTES - 1] |= (byte) 0x80;
        }
        try {
            return new Ed25519PublicKeyParameters(encoded);
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException("not a point of Ed25519: " + e.getMessage(), e);
        }
    }

    static Ed25519PrivateKeyParameters ed25519(PrivateKey key) throws InvalidKeyException {
        if (key instanceof Ed25519SigningKey prepared) {
            return prepared.parameters();
        }
        if (!(key instanceof EdECPrivateKey k) || !isEd25519(key)) {
            throw notFor("Ed25519", key);
        }
        return new Ed25519PrivateKeyParameters(secret(k.getBytes(), key));
    }

    static X25519PublicKeyParameters x25519(PublicKey key) throws InvalidKeyException {
        if (!(key instanceof XECPublicKey k) || !isX25519(key)) {
            throw notFor("X25519", key);
        }
        return new X25519PublicKeyParameters(uBytes(k.getU()));
    }

    static X25519PrivateKeyParameters x25519(PrivateKey key) throws InvalidKeyException {
        if (!(key instanceof XECPrivateKey k) || !isX25519(key)) {
            throw notFor("X25519", key);
        }
        return new X25519PrivateKeyParameters(secret(k.getScalar(), key));
    }

    /** The 32 bytes of a u coordinate; like the JDK, only its low 255 bits count (RFC 7748 section 5). */
    static byte[] uBytes(BigInteger u) {
        return littleEndian(u.and(LOW_255_BITS));
    }

    static BigInteger u(byte[] littleEndian) {
        byte[] bigEndian = new byte[KEY_BYTES];
        for (int i = 0; i < KEY_BYTES; i++) {
            bigEndian[i] = littleEndian[KEY_BYTES - 1 - i];
        }
        return new BigInteger(1, bigEndian).and(LOW_255_BITS);
    }

    private static byte[] littleEndian(BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > 8 * KEY_BYTES) {
            throw new IllegalArgumentException("a field element of Curve25519 has at most 255 bits");
        }
        byte[] bigEndian = value.toByteArray();
        byte[] out = new byte[KEY_BYTES];
        for (int i = 0; i < bigEndian.length && i < KEY_BYTES; i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return out;
    }

    private static byte[] secret(Optional<byte[]> bytes, Key key) throws InvalidKeyException {
        if (bytes.isEmpty() || bytes.get().length != KEY_BYTES) {
            throw new InvalidKeyException(key.getAlgorithm() + " private key without its 32 bytes");
        }
        return bytes.get();
    }

    private static InvalidKeyException notFor(String curve, Key key) {
        return new InvalidKeyException("not a " + curve + " key: " + (key == null ? "null" : key.getAlgorithm()));
    }
}
