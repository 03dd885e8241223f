package dev.albatross.client.cert;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.der.Decoded;
import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.Policy;
import dev.albatross.protocol.wire.PolicyCmd;
import dev.albatross.protocol.wire.UnikernelCmd;
import dev.albatross.protocol.x509.CertExtension;
import dev.albatross.protocol.x509.ChainPolicyRules;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The one-shot leaf certificate of a remote command ({@code gen_cert}, spec §10.1): a fresh key, the command in
 * the albatross extension, the leaf profile, 300 s of validity, signed by {@code --ca-key}; the chain sent is
 * [leaf, CA certificate, CA chain…].
 */
public final class LeafCertificate {
    /** How long a one-shot certificate is valid: revocation does not exist, so it expires instead. */
    public static final Duration LIFETIME = Duration.ofSeconds(300);
    /** Larger certificates do not fit a TLS handshake message (16 MiB). */
    static final int MAX_DER_BYTES = 1 << 24;

    private LeafCertificate() {
    }

    /** The chain to present and its key. */
    public record Chain(List<X509Certificate> certificates, PrivateKey key) {
        public Chain {
            certificates = List.copyOf(certificates);
        }

        public X509Certificate leaf() {
            return certificates.get(0);
        }
    }

    /** The issuing CA: its certificate, the rest of its chain, its key. */
    public record Ca(X509Certificate cert, List<X509Certificate> chain, PrivateKey key) {
        public Ca {
            chain = List.copyOf(chain);
        }
    }

    /** The chain for {@code command} under {@code cn}, or Albatross's reason for refusing to make it. */
    public static Result create(Ca ca, KeyType keyType, String cn, Command command, Instant now,
                                SecureRandom random) {
        if (!KeyMatch.matches(ca.key(), ca.cert().getPublicKey())) {
            return new Result.Refused("Public key of certificate doesn't match private key");
        }
        Optional<String> problem = policyProblem(ca.cert(), command);
        if (problem.isPresent()) {
            return new Result.Refused(problem.get());
        }
        KeyPair keys = keyType.generate(random);
        PKCS10CertificationRequest csr = SigningRequest.create(cn, Optional.of(command), keys, random);
        List<Profile.Ext> exts = new ArrayList<>(Profile.LEAF.extensions());
        exts.add(new Profile.Ext(CertExtension.OID, false, Bytes.wrap(CertExtension.encode(command))));
        X509Certificate leaf = Issuer.issue(
                new Issuer.Request(csr.getSubject(), csr.getSubjectPublicKeyInfo(), exts, true, LIFETIME),
                signer(ca.cert(), ca.key()), now, random);
        try {
            if (leaf.getEncoded().length > MAX_DER_BYTES) {
                return new Result.Refused("certificate too big for TLS");
            }
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a certificate we made has an encoding", e);
        }
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        chain.add(ca.cert());
        chain.addAll(ca.chain());
        return new Result.Made(new Chain(chain, keys.getPrivate()));
    }

    /** The issuer as a certificate describes it. */
    public static Issuer.Signer signer(X509Certificate cert, PrivateKey key) {
        return new Issuer.Signer(X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()), key,
                SubjectPublicKeyInfo.getInstance(cert.getPublicKey().getEncoded()));
    }

    /** The outcome of {@link #create}. */
    public sealed interface Result {
        record Made(Chain chain) implements Result {
        }

        record Refused(String reason) implements Result {
        }
    }

    /**
     * The client-side policy checks (spec §6.5): a create must fit the CA's policy, a policy must be smaller.
     */
    static Optional<String> policyProblem(X509Certificate caCert, Command command) {
        Optional<Policy> policy;
        try {
            policy = policyOf(caCert);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (policy.isEmpty()) {
            return Optional.empty();
        }
        if (command instanceof UnikernelCmd.Create c) {
            return PolicyCheck.fineWithPolicy(policy.get(), c.config());
        }
        if (command instanceof UnikernelCmd.ForceCreate c) {
            return PolicyCheck.fineWithPolicy(policy.get(), c.config());
        }
        if (command instanceof PolicyCmd.Add a) {
            return ChainPolicyRules.notSmaller(policy.get(), a.policy());
        }
        return Optional.empty();
    }

    /**
     * {@code extract_policy}: the policy a CA certificate carries, if any.
     *
     * @throws IllegalArgumentException "couldn't parse albatross extension in cert" if it does not decode
     */
    public static Optional<Policy> policyOf(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue(CertExtension.OID.getId());
        if (ext == null) {
            return Optional.empty();
        }
        byte[] value = org.bouncycastle.asn1.ASN1OctetString.getInstance(ext).getOctets();
        Decoded<CertExtension.Value> decoded = CertExtension.decode(value);
        return decoded.fold(v -> v.command() instanceof PolicyCmd.Add a ? Optional.of(a.policy())
                        : Optional.<Policy>empty(),
                e -> {
                    throw new IllegalArgumentException("couldn't parse albatross extension in cert");
                });
    }
}
