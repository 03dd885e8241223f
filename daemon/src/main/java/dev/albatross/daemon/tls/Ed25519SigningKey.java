package dev.albatross.daemon.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * The endpoint's Ed25519 key, prepared once for {@link Ed25519SignatureSpi}: BouncyCastle derives the public key
 * inside every signature unless its key object already holds it, which cost a twentieth of a handshake. To the JDK
 * it is an ordinary {@code EdDSA} key (the algorithm name its TLS matches against the certificate).
 */
final class Ed25519SigningKey implements EdECPrivateKey {
    private static final long serialVersionUID = 1L;
    private final byte[] seed;
    private transient Ed25519PrivateKeyParameters prepared;

    private Ed25519SigningKey(byte[] seed) {
        this.seed = seed.clone();
        this.prepared = prepare(this.seed);
    }

    /** {@code key} prepared, if it is an Ed25519 key with its bytes; any other key as it is. */
    static PrivateKey preparedIfEd25519(PrivateKey key) {
        if (key instanceof EdECPrivateKey k && Curve25519Keys.isEd25519(key) && k.getBytes().isPresent()
                && k.getBytes().get().length == Curve25519Keys.KEY_BYTES) {
            return new Ed25519SigningKey(k.getBytes().get());
        }
        return key;
    }

    private static Ed25519PrivateKeyParameters prepare(byte[] seed) {
        Ed25519PrivateKeyParameters p = new Ed25519PrivateKeyParameters(seed);
        p.generatePublicKey(); // kept inside p from now on
        return p;
    }

    /** The prepared parameters (again after deserialisation, which leaves the transient field empty). */
    synchronized Ed25519PrivateKeyParameters parameters() {
        if (prepared == null) {
            prepared = prepare(seed);
        }
        return prepared;
    }

    @Override
    public Optional<byte[]> getBytes() {
        return Optional.of(seed.clone());
    }

    @Override
    public NamedParameterSpec getParams() {
        return NamedParameterSpec.ED25519;
    }

    @Override
    public String getAlgorithm() {
        return "EdDSA";
    }

    @Override
    public String getFormat() {
        return "PKCS#8";
    }

    /** RFC 8410 section 7: PKCS#8 with the seed in an OCTET STRING, as the JDK encodes it. */
    @Override
    public byte[] getEncoded() {
        try {
            return new PrivateKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
                    new DEROctetString(seed)).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            // Encoding a value built in memory writes to a byte array; it cannot fail short of a BouncyCastle bug.
            throw new UncheckedIOException(e);
        }
    }
}
