package dev.albatross.daemon.tls;

import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidParameterException;
import java.security.KeyPair;
import java.security.KeyPairGeneratorSpi;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.NamedParameterSpec;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/**
 * X25519 key pairs (the endpoint's key share) through BouncyCastle. Other XDH curves are refused, so the JCA
 * passes them on to the JDK's own generator.
 */
final class X25519KeyPairGeneratorSpi extends KeyPairGeneratorSpi {
    private SecureRandom random;

    @Override
    public void initialize(int keysize, SecureRandom random) {
        if (keysize != 255) {
            throw new InvalidParameterException("X25519 keys have 255 bits, not " + keysize);
        }
        this.random = random;
    }

    @Override
    public void initialize(AlgorithmParameterSpec params, SecureRandom random)
            throws InvalidAlgorithmParameterException {
        if (!Curve25519Keys.named(params, NamedParameterSpec.X25519)) {
            throw new InvalidAlgorithmParameterException("only X25519, not " + params);
        }
        this.random = random;
    }

    @Override
    public KeyPair generateKeyPair() {
        X25519PrivateKeyParameters key = new X25519PrivateKeyParameters(random == null ? new SecureRandom() : random);
        return new KeyPair(new X25519Key.Public(key.generatePublicKey().getEncoded()),
                new X25519Key.Private(key.getEncoded()));
    }
}
