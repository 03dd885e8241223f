package dev.albatross.daemon.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.interfaces.XECPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;

/**
 * {@link Curve25519Provider} against the RFC test vectors and against the JDK's own implementations (SunEC), in
 * both directions; and its refusal of other curves, which the JCA then hands to the JDK. The provider is used
 * directly, never installed, so this JVM's provider list is left alone.
 */
class Curve25519ProviderTest {
    private static final HexFormat HEX = HexFormat.of();
    private final Provider ours = new Curve25519Provider();
    private final Provider jdk = Security.getProvider("SunEC");

    private PrivateKey ed25519Private(String seedHex) throws Exception {
        byte[] pkcs8 = HEX.parseHex("302e020100300506032b657004220420" + seedHex);
        return KeyFactory.getInstance("Ed25519", jdk).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    @Test
    void signsRfc8032TestVectorTwo() throws Exception {
        // RFC 8032 section 7.1, TEST 2: a one-byte message.
        PrivateKey key = ed25519Private("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
        Signature s = Signature.getInstance("Ed25519", ours);
        s.initSign(key);
        s.update(HEX.parseHex("72"));
        assertEquals("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c"
                + "387b2eaeb4302aeeb00d291612bb0c00", HEX.formatHex(s.sign()));
    }

    @Test
    void signaturesInteroperateWithTheJdksBothWays() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519", jdk).generateKeyPair();
        Random random = new Random(5);
        for (int size : new int[] {0, 1, 130, 70_000}) {
            byte[] message = new byte[size];
            random.nextBytes(message);
            byte[] byUs = sign(ours, keys.getPrivate(), message);
            byte[] byJdk = sign(jdk, keys.getPrivate(), message);
            assertArrayEquals(byJdk, byUs, "Ed25519 signatures are deterministic; size " + size);
            assertTrue(verify(jdk, keys.getPublic(), message, byUs), "size " + size);
            assertTrue(verify(ours, keys.getPublic(), message, byJdk), "size " + size);
            message = message.length == 0 ? new byte[1] : message;
            message[0] ^= 1;
            assertFalse(verify(ours, keys.getPublic(), message, byJdk), "altered message; size " + size);
        }
    }

    @Test
    void aPreparedSigningKeySignsAndEncodesLikeTheJdksKey() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519", jdk).generateKeyPair();
        PrivateKey prepared = Ed25519SigningKey.preparedIfEd25519(keys.getPrivate());
        assertInstanceOf(Ed25519SigningKey.class, prepared);
        assertEquals("EdDSA", prepared.getAlgorithm());
        assertArrayEquals(keys.getPrivate().getEncoded(), prepared.getEncoded());
        byte[] message = {1, 2, 3};
        assertArrayEquals(sign(jdk, keys.getPrivate(), message), sign(ours, prepared, message));
        PrivateKey rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        assertEquals(rsa, Ed25519SigningKey.preparedIfEd25519(rsa), "other keys are left as they are");
    }

    @Test
    void refusesEd448KeysSoTheJcaAsksTheJdk() throws Exception {
        KeyPair ed448 = KeyPairGenerator.getInstance("Ed448", jdk).generateKeyPair();
        assertThrows(InvalidKeyException.class, () -> Signature.getInstance("Ed25519", ours)
                .initSign(ed448.getPrivate()));
        assertThrows(InvalidKeyException.class, () -> Signature.getInstance("Ed25519", ours)
                .initVerify(ed448.getPublic()));
    }

    @Test
    void agreesOnRfc7748TestVector() throws Exception {
        // RFC 7748 section 6.1: Alice's private key with Bob's public key.
        KeyFactory factory = KeyFactory.getInstance("XDH", ours);
        PrivateKey alice = factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519,
                HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")));
        PublicKey bob = factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519,
                Curve25519Keys.u(HEX.parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"))));
        KeyAgreement agreement = KeyAgreement.getInstance("XDH", ours);
        agreement.init(alice);
        agreement.doPhase(bob, true);
        assertEquals("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742",
                HEX.formatHex(agreement.generateSecret()));
    }

    @Test
    void keySharesInteroperateWithTheJdksBothWays() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("XDH", ours);
        generator.initialize(NamedParameterSpec.X25519);
        KeyPair mine = generator.generateKeyPair();
        KeyPair theirs = KeyPairGenerator.getInstance("X25519", jdk).generateKeyPair();
        // The JDK's TLS sends getU() and rebuilds the peer's key from the u coordinate with the KeyFactory.
        PublicKey mineRebuilt = KeyFactory.getInstance("XDH", jdk).generatePublic(new XECPublicKeySpec(
                NamedParameterSpec.X25519, ((XECPublicKey) mine.getPublic()).getU()));
        PublicKey theirsRebuilt = KeyFactory.getInstance("XDH", ours).generatePublic(new XECPublicKeySpec(
                NamedParameterSpec.X25519, ((XECPublicKey) theirs.getPublic()).getU()));
        KeyAgreement a = KeyAgreement.getInstance("XDH", ours);
        a.init(mine.getPrivate());
        a.doPhase(theirsRebuilt, true);
        KeyAgreement b = KeyAgreement.getInstance("XDH", jdk);
        b.init(theirs.getPrivate());
        b.doPhase(mineRebuilt, true);
        assertArrayEquals(b.generateSecret("TlsPremasterSecret").getEncoded(),
                a.generateSecret("TlsPremasterSecret").getEncoded());
        assertArrayEquals(KeyFactory.getInstance("XDH", jdk).generatePublic(new java.security.spec
                .X509EncodedKeySpec(mine.getPublic().getEncoded())).getEncoded(), mine.getPublic().getEncoded());
    }

    @Test
    void refusesAPeerKeyOfSmallOrderAndOtherCurves() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("XDH", ours);
        generator.initialize(NamedParameterSpec.X25519);
        KeyAgreement agreement = KeyAgreement.getInstance("XDH", ours);
        agreement.init(generator.generateKeyPair().getPrivate());
        PublicKey zero = KeyFactory.getInstance("XDH", ours).generatePublic(new XECPublicKeySpec(
                NamedParameterSpec.X25519, BigInteger.ZERO));
        assertThrows(InvalidKeyException.class, () -> agreement.doPhase(zero, true));
        assertThrows(java.security.InvalidAlgorithmParameterException.class, () -> KeyPairGenerator
                .getInstance("XDH", ours).initialize(NamedParameterSpec.X448));
        assertThrows(InvalidKeySpecException.class, () -> KeyFactory.getInstance("XDH", ours).generatePublic(
                new XECPublicKeySpec(NamedParameterSpec.X448, BigInteger.ONE)));
        KeyPair x448 = KeyPairGenerator.getInstance("X448", jdk).generateKeyPair();
        assertThrows(InvalidKeyException.class, () -> KeyAgreement.getInstance("XDH", ours).init(x448.getPrivate()));
    }

    private static byte[] sign(Provider provider, PrivateKey key, byte[] message) throws Exception {
        Signature s = Signature.getInstance("Ed25519", provider);
        s.initSign(key);
        s.update(message);
        return s.sign();
    }

    private static boolean verify(Provider provider, PublicKey key, byte[] message, byte[] signature)
            throws Exception {
        Signature s = Signature.getInstance("Ed25519", provider);
        s.initVerify(key);
        s.update(message);
        return s.verify(signature);
    }
}
