package dev.albatross.daemon.tls;

import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.EdDSAParameterSpec;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Pure Ed25519 (RFC 8032) through BouncyCastle's {@link Ed25519Signer}: the signature of the endpoint's
 * CertificateVerify and the check of the client's. Accepts any provider's Ed25519 keys (see {@link Curve25519Keys}).
 */
final class Ed25519SignatureSpi extends SignatureSpi {
    private Ed25519Signer signer;

    @Override
    protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
        Ed25519Signer s = new Ed25519Signer();
        s.init(false, Curve25519Keys.ed25519(publicKey));
        signer = s;
    }

    @Override
    protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, Curve25519Keys.ed25519(privateKey));
        signer = s;
    }

    @Override
    protected void engineUpdate(byte b) throws SignatureException {
        initialized().update(b);
    }

    @Override
    protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
        initialized().update(b, off, len);
    }

    @Override
    protected byte[] engineSign() throws SignatureException {
        return initialized().generateSignature();
    }

    @Override
    protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
        return initialized().verifySignature(sigBytes);
    }

    /** Pure Ed25519 only: no parameters, or the ones that mean pure Ed25519 (no pre-hash, no context). */
    @Override
    protected void engineSetParameter(AlgorithmParameterSpec params) throws InvalidAlgorithmParameterException {
        if (params != null && !(params instanceof EdDSAParameterSpec p && !p.isPrehash() && p.getContext().isEmpty())) {
            throw new InvalidAlgorithmParameterException("only pure Ed25519 is supported, not " + params);
        }
    }

    // The two String-keyed methods are deprecated in SignatureSpi but abstract, so they must be implemented.
    @Override
    @Deprecated
    protected void engineSetParameter(String param, Object value) {
        throw new InvalidParameterException("no parameter " + param);
    }

    @Override
    @Deprecated
    protected Object engineGetParameter(String param) {
        throw new InvalidParameterException("no parameter " + param);
    }

    private Ed25519Signer initialized() throws SignatureException {
        if (signer == null) {
            throw new SignatureException("not initialized");
        }
        return signer;
    }
}
