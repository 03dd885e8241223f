package dev.albatross.daemon.tls;

import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import javax.crypto.KeyAgreementSpi;
import javax.crypto.SecretKey;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/**
 * X25519 agreement (RFC 7748) through BouncyCastle: the endpoint's ECDHE with the client's key share. Like the
 * JDK's, it refuses a peer key of small order (an all-zero secret) and derives only a {@code TlsPremasterSecret}
 * or raw bytes.
 */
final class X25519KeyAgreementSpi extends KeyAgreementSpi {
    private X25519PrivateKeyParameters privateKey;
    private byte[] secret;

    @Override
    protected void engineInit(Key key, SecureRandom random) throws InvalidKeyException {
        if (!(key instanceof PrivateKey k)) {
            throw new InvalidKeyException("not a private key: " + key);
        }
        privateKey = Curve25519Keys.x25519(k);
        secret = null;
    }

    @Override
    protected void engineInit(Key key, AlgorithmParameterSpec params, SecureRandom random)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        if (params != null && !Curve25519Keys.named(params, NamedParameterSpec.X25519)) {
            throw new InvalidAlgorithmParameterException("only X25519, not " + params);
        }
        engineInit(key, random);
    }

    @Override
    protected Key engineDoPhase(Key key, boolean lastPhase) throws InvalidKeyException {
        if (privateKey == null) {
            throw new IllegalStateException("not initialized");
        }
        if (!lastPhase) {
            throw new IllegalStateException("X25519 has one phase only");
        }
        if (!(key instanceof PublicKey k)) {
            throw new InvalidKeyException("not a public key: " + key);
        }
        byte[] out = new byte[Curve25519Keys.KEY_BYTES];
        try {
            privateKey.generateSecret(Curve25519Keys.x25519(k), out, 0);
        } catch (IllegalStateException e) {
            // BouncyCastle's word for an all-zero result: the peer sent a point of small order.
            throw new InvalidKeyException("X25519 peer key of small order", e);
        }
        secret = out;
        return null;
    }

    @Override
    protected byte[] engineGenerateSecret() {
        return takeSecret();
    }

    @Override
    protected int engineGenerateSecret(byte[] sharedSecret, int offset) throws ShortBufferException {
        if (secret != null && sharedSecret.length - offset < secret.length) {
            throw new ShortBufferException("needs " + secret.length + " bytes");
        }
        byte[] out = takeSecret();
        System.arraycopy(out, 0, sharedSecret, offset, out.length);
        Arrays.fill(out, (byte) 0);
        return Curve25519Keys.KEY_BYTES;
    }

    @Override
    protected SecretKey engineGenerateSecret(String algorithm) throws NoSuchAlgorithmException {
        if (!"TlsPremasterSecret".equalsIgnoreCase(algorithm)) {
            throw new NoSuchAlgorithmException("only TlsPremasterSecret, not " + algorithm);
        }
        byte[] out = takeSecret();
        SecretKey key = new SecretKeySpec(out, "TlsPremasterSecret");
        Arrays.fill(out, (byte) 0);
        return key;
    }

    /** The secret of the last phase; the agreement is then ready for another peer key with the same private key. */
    private byte[] takeSecret() {
        if (secret == null) {
            throw new IllegalStateException("no key agreement done");
        }
        byte[] out = secret;
        secret = null;
        return out;
    }
}
