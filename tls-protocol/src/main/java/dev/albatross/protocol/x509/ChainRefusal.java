package dev.albatross.protocol.x509;

import java.util.Objects;

/**
 * Why a client's certificate chain was refused (spec §6.3, §6.4): a {@link Reason} the TLS edge maps to an
 * alert, and a message for the log that names the certificate and the rule. The message never holds key
 * material; it may name the tenant's own certificates (their subjects), so it is fit for the endpoint's log.
 */
public record ChainRefusal(Reason reason, String message) {
    /** What went wrong, coarse enough for an alert and a metric, fine enough to test each rule. */
    public enum Reason {
        /** The client sent no certificate. */
        EMPTY_CHAIN,
        /** More certificates than the limit (validation), or a path of 10 or more (derivation, spec §6.3). */
        CHAIN_TOO_LONG,
        /** No path from the leaf through the sent certificates ends at the trusted CA. */
        UNTRUSTED,
        /** A certificate (or the trusted CA) is past its notAfter. */
        EXPIRED,
        /** A certificate (or the trusted CA) is before its notBefore. */
        NOT_YET_VALID,
        /** A certificate with extensions that is not version 3. */
        BAD_VERSION,
        /** A signature algorithm other than RSA PKCS#1 / ECDSA with SHA-256/384/512, or Ed25519. */
        UNSUPPORTED_ALGORITHM,
        /** An RSA key shorter than 1024 bits. */
        WEAK_KEY,
        /** A signature that does not verify with the issuer's key. */
        BAD_SIGNATURE,
        /** The authority key identifier differs from the issuer's subject key identifier. */
        KEY_ID_MISMATCH,
        /** An intermediate without BasicConstraints CA=true. */
        NOT_A_CA,
        /** An intermediate whose KeyUsage is absent or lacks keyCertSign. */
        NO_CERT_SIGN,
        /** An extended key usage that does not allow this use. */
        BAD_EXTENDED_KEY_USAGE,
        /** A critical extension the validator does not process. */
        UNKNOWN_CRITICAL_EXTENSION,
        /** A BasicConstraints pathLenConstraint exceeded. */
        PATH_LENGTH,
        /** A standard extension that does not parse. */
        MALFORMED_EXTENSION,
        /** The leaf is a CA (BasicConstraints CA=true). */
        LEAF_IS_CA,
        /** The leaf's KeyUsage lacks digitalSignature. */
        LEAF_KEY_USAGE,
        /** The leaf has no Albatross extension. */
        NO_COMMAND,
        /** An Albatross extension that does not decode (including a wire version other than 5). */
        BAD_EXTENSION,
        /** A command a certificate may not carry there (spec §6.3 step 3 and 5). */
        UNEXPECTED_COMMAND,
        /** A common name that is not a valid label. */
        BAD_NAME,
        /** A command that needs a label, in a certificate without a common name. */
        EMPTY_NAME,
        /** A delegated policy larger than the policy above it. */
        POLICY_ESCALATION
    }

    public ChainRefusal {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return reason + ": " + message;
    }
}
