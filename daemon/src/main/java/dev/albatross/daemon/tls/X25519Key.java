package dev.albatross.daemon.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The X25519 keys {@link Curve25519Provider} makes: 32 raw bytes each, with the JDK's interfaces so that the
 * JDK's TLS reads them as it reads its own ({@code XECPublicKey.getU()} to send the key share). The encoded forms
 * are X.509 SubjectPublicKeyInfo and PKCS#8 (RFC 8410).
 */
final class X25519Key {
    private static final String ALGORITHM = "XDH";
    private static final AlgorithmIdentifier X25519 = new AlgorithmIdentifier(EdECObjectIdentifiers.id_X25519);

    private X25519Key() {
    }

    private static byte[] der(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            // Encoding a value built in memory writes to a byte array; it cannot fail short of a BouncyCastle bug.
            throw new UncheckedIOException(e);
        }
    }

    /** A public key: the u coordinate, little-endian. */
    static final class Public implements XECPublicKey {
        private static final long serialVersionUID = 1L;
        private final byte[] u;

        Public(byte[] u) {
            if (u.length != Curve25519Keys.KEY_BYTES) {
                throw new IllegalArgumentException("an X25519 public key has 32 bytes, not " + u.length);
            }
            this.u = u.clone();
        }

        @Override
        public BigInteger getU() {
            return Curve25519Keys.u(u);
        }

        @Override
        public AlgorithmParameterSpec getParams() {
            return NamedParameterSpec.X25519;
        }

        @Override
        public String getAlgorithm() {
            return ALGORITHM;
        }

        @Override
        public String getFormat() {
            return "X.509";
        }

        @Override
        public byte[] getEncoded() {
            return der(new SubjectPublicKeyInfo(X25519, u));
        }
    }

    /** A private key: the scalar as generated (clamping happens in each multiplication, RFC 7748 section 5). */
    static final class Private implements XECPrivateKey {
        private static final long serialVersionUID = 1L;
        private final byte[] scalar;

        Private(byte[] scalar) {
            if (scalar.length != Curve25519Keys.KEY_BYTES) {
                throw new IllegalArgumentException("an X25519 private key has 32 bytes, not " + scalar.length);
            }
            this.scalar = scalar.clone();
        }

        @Override
        public Optional<byte[]> getScalar() {
            return Optional.of(scalar.clone());
        }

        @Override
        public AlgorithmParameterSpec getParams() {
            return NamedParameterSpec.X25519;
        }

        @Override
        public String getAlgorithm() {
            return ALGORITHM;
        }

        @Override
        public String getFormat() {
            return "PKCS#8";
        }

        @Override
        public byte[] getEncoded() {
            try {
                return der(new PrivateKeyInfo(X25519, new DEROctetString(scalar)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
