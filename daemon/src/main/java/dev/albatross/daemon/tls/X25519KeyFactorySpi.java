package dev.albatross.daemon.tls;

import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactorySpi;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.KeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;

/**
 * X25519 keys from their coordinates: how the JDK's TLS turns the client's key share into a key. Encoded forms and
 * other curves are refused, so the JCA passes them on to the JDK's own factory.
 */
final class X25519KeyFactorySpi extends KeyFactorySpi {
    @Override
    protected PublicKey engineGeneratePublic(KeySpec keySpec) throws InvalidKeySpecException {
        if (keySpec instanceof XECPublicKeySpec spec && Curve25519Keys.named(spec.getParams(), NamedParameterSpec.X25519)) {
            return new X25519Key.Public(Curve25519Keys.uBytes(spec.getU()));
        }
        throw new InvalidKeySpecException("only an X25519 XECPublicKeySpec, not " + keySpec);
    }

    @Override
    protected PrivateKey engineGeneratePrivate(KeySpec keySpec) throws InvalidKeySpecException {
        if (keySpec instanceof XECPrivateKeySpec spec && Curve25519Keys.named(spec.getParams(), NamedParameterSpec.X25519)
                && spec.getScalar().length == Curve25519Keys.KEY_BYTES) {
            return new X25519Key.Private(spec.getScalar());
        }
        throw new InvalidKeySpecException("only an X25519 XECPrivateKeySpec, not " + keySpec);
    }

    @Override
    protected <T extends KeySpec> T engineGetKeySpec(Key key, Class<T> keySpec) throws InvalidKeySpecException {
        if (key instanceof XECPublicKey k && Curve25519Keys.isX25519(key) && keySpec.isAssignableFrom(XECPublicKeySpec.class)) {
            return keySpec.cast(new XECPublicKeySpec(NamedParameterSpec.X25519, k.getU()));
        }
        if (key instanceof XECPrivateKey k && Curve25519Keys.isX25519(key) && k.getScalar().isPresent()
                && keySpec.isAssignableFrom(XECPrivateKeySpec.class)) {
            return keySpec.cast(new XECPrivateKeySpec(NamedParameterSpec.X25519, k.getScalar().get()));
        }
        throw new InvalidKeySpecException("cannot express " + key + " as " + keySpec.getName());
    }

    @Override
    protected Key engineTranslateKey(Key key) throws InvalidKeyException {
        if (key instanceof X25519Key.Public || key instanceof X25519Key.Private) {
            return key;
        }
        if (key instanceof PublicKey p) {
            return new X25519Key.Public(Curve25519Keys.x25519(p).getEncoded());
        }
        if (key instanceof PrivateKey p) {
            return new X25519Key.Private(Curve25519Keys.x25519(p).getEncoded());
        }
        throw new InvalidKeyException("not an X25519 key: " + key);
    }
}
