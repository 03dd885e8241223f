package dev.albatross.protocol.x509;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Validates a client's certificate chain against one trusted CA (spec §6.4), as ocaml-x509's
 * {@code chain_of_trust} authenticator with ocaml-tls's client-certificate checks does for Albatross:
 * <ul>
 *   <li>at most {@link #DEFAULT_MAX_CERTIFICATES} sent certificates (a bound on path building);</li>
 *   <li>a path from the leaf through the sent certificates (issuer DN = subject DN, each used once) to the
 *       trusted CA; every path is tried and the first that passes wins;</li>
 *   <li>every certificate of the path, and the CA, valid at the given instant; version 3 if it has extensions;
 *       signatures RSA or ECDSA with SHA-256/384/512, or Ed25519; RSA keys of at least 1024 bits; an authority
 *       key identifier equal to the issuer's subject key identifier where both exist;</li>
 *   <li>intermediates per {@link ChainProfile#intermediate}, pathLenConstraints respected (the CA's too);
 *       the leaf per {@link ChainProfile#leaf}.</li>
 * </ul>
 * No revocation checking (Albatross has none; spec §13.1). Time is a parameter: this class never reads a clock.
 *
 * <pre>
 *   sent:  [ leaf, sub-CA, tenant-CA ]          trusted: root CA
 *   path:  leaf &lt;- sub-CA &lt;- tenant-CA &lt;- (root CA, not part of the result)
 * </pre>
 */
public final class ChainValidator {
    /** ocaml-tls and the JDK both refuse chains of more than 10 certificates by default. */
    public static final int DEFAULT_MAX_CERTIFICATES = 10;
    /** Certificates with equal subjects can form many paths; this bounds the work one handshake can cause. */
    private static final int MAX_SEARCH_STEPS = 256;

    private final X509CertificateHolder anchor;
    private final byte[] anchorEncoding;
    private final int maxCertificates;
    // The anchor never changes: what does not depend on the time is checked and parsed once, not per handshake.
    private final ChainProfile.Validity anchorValidity;
    private final Optional<ChainRefusal> anchorKeyProblem;
    private final ChainSignatures.IssuerKey anchorKey;

    /** A validator trusting {@code anchor} (the single certificate of the endpoint's CA file). */
    public ChainValidator(X509CertificateHolder anchor) {
        this(anchor, DEFAULT_MAX_CERTIFICATES);
    }

    public ChainValidator(X509CertificateHolder anchor, int maxCertificates) {
        this.anchor = Objects.requireNonNull(anchor, "anchor");
        if (maxCertificates < 1) {
            throw new IllegalArgumentException("maxCertificates " + maxCertificates);
        }
        this.maxCertificates = maxCertificates;
        this.anchorEncoding = encoding(anchor);
        this.anchorValidity = ChainProfile.Validity.of(anchor);
        this.anchorKeyProblem = ChainSignatures.key(anchor);
        this.anchorKey = ChainSignatures.IssuerKey.of(anchor.getSubjectPublicKeyInfo());
    }

    public X509CertificateHolder anchor() {
        return anchor;
    }

    /**
     * Validates {@code presented} (the leaf first, as sent in the TLS Certificate message) at {@code now}.
     * Accepted: the validated path, leaf first, up to but excluding the trusted CA (a copy of the CA among the sent
     * certificates is not part of it). Refused: the first rule broken, on the first path that was tried.
     */
    public ChainOutcome<List<X509CertificateHolder>> validate(List<X509CertificateHolder> presented, Instant now) {
        Objects.requireNonNull(now, "now");
        if (presented.isEmpty()) {
            return ChainOutcome.refused(ChainRefusal.Reason.EMPTY_CHAIN, "the client sent no certificate");
        }
        if (presented.size() > maxCertificates) {
            return ChainOutcome.refused(ChainRefusal.Reason.CHAIN_TOO_LONG, "the client sent " + presented.size()
                    + " certificates, more than the limit of " + maxCertificates);
        }
        Optional<ChainRefusal> anchorProblem = ChainProfile.validity(anchor, anchorValidity, now)
                .or(() -> anchorKeyProblem);
        if (anchorProblem.isPresent()) {
            ChainRefusal p = anchorProblem.get();
            return ChainOutcome.refused(p.reason(), "the trusted CA: " + p.message());
        }
        X509CertificateHolder leaf = presented.get(0);
        Optional<ChainRefusal> leafProblem = ChainProfile.validity(leaf, now)
                .or(() -> ChainProfile.version(leaf))
                .or(() -> ChainProfile.leaf(leaf))
                .or(() -> ChainSignatures.key(leaf));
        if (leafProblem.isPresent()) {
            return ChainOutcome.refused(leafProblem.get());
        }
        List<X509CertificateHolder> candidates = new ArrayList<>();
        for (X509CertificateHolder c : presented.subList(1, presented.size())) {
            if (!Arrays.equals(encoding(c), anchorEncoding)) {
                candidates.add(c);
            }
        }
        return new Search(candidates, now).run(leaf);
    }

    /** One validation's path search, with its memo of certificate and link checks. */
    private final class Search {
        private final List<X509CertificateHolder> candidates;
        private final Instant now;
        private final Map<Integer, Optional<ChainRefusal>> certChecks = new HashMap<>();
        private final Map<Long, Optional<ChainRefusal>> linkChecks = new HashMap<>();
        private final boolean[] used;
        private ChainRefusal firstRefusal;
        private int steps;

        Search(List<X509CertificateHolder> candidates, Instant now) {
            this.candidates = candidates;
            this.now = now;
            this.used = new boolean[candidates.size()];
        }

        ChainOutcome<List<X509CertificateHolder>> run(X509CertificateHolder leaf) {
            List<X509CertificateHolder> path = new ArrayList<>();
            path.add(leaf);
            List<Integer> indices = new ArrayList<>();
            indices.add(-1);
            Optional<List<X509CertificateHolder>> found = extend(path, indices);
            if (found.isPresent()) {
                return ChainOutcome.accepted(List.copyOf(found.get()));
            }
            if (firstRefusal != null) {
                return ChainOutcome.refused(firstRefusal);
            }
            X509CertificateHolder top = path.get(path.size() - 1);
            return ChainOutcome.refused(ChainRefusal.Reason.UNTRUSTED, "no path from " + ChainProfile.describe(leaf)
                    + " to the trusted CA \"" + anchor.getSubject() + "\": the issuer \"" + top.getIssuer()
                    + "\" is neither the trusted CA nor among the sent certificates");
        }

        /** Depth-first: end at the anchor if the top of {@code path} is its subject, else try each issuer. */
        private Optional<List<X509CertificateHolder>> extend(List<X509CertificateHolder> path, List<Integer> indices) {
            int depth = path.size() - 1;
            X509CertificateHolder top = path.get(depth);
            if (++steps > MAX_SEARCH_STEPS) {
                remember(new ChainRefusal(ChainRefusal.Reason.UNTRUSTED, "gave up after " + MAX_SEARCH_STEPS
                        + " steps of path building: too many sent certificates with the same subject"));
                return Optional.empty();
            }
            if (top.getIssuer().equals(anchor.getSubject())) {
                Optional<ChainRefusal> problem = link(indices.get(depth), -2, top, anchor)
                        .or(() -> ChainProfile.pathLength(anchor, depth));
                if (problem.isEmpty()) {
                    return Optional.of(new ArrayList<>(path));
                }
                remember(problem.get());
            }
            for (int i = 0; i < candidates.size() && steps <= MAX_SEARCH_STEPS; i++) {
                X509CertificateHolder next = candidates.get(i);
                if (used[i] || !next.getSubject().equals(top.getIssuer())) {
                    continue;
                }
                int index = i;
                Optional<ChainRefusal> problem = certChecks.computeIfAbsent(i, k -> intermediate(next))
                        .or(() -> link(indices.get(depth), index, top, next))
                        .or(() -> ChainProfile.pathLength(next, depth));
                if (problem.isPresent()) {
                    remember(problem.get());
                    continue;
                }
                used[i] = true;
                path.add(next);
                indices.add(i);
                Optional<List<X509CertificateHolder>> found = extend(path, indices);
                path.remove(path.size() - 1);
                indices.remove(indices.size() - 1);
                used[i] = false;
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }

        private Optional<ChainRefusal> intermediate(X509CertificateHolder cert) {
            return ChainProfile.validity(cert, now)
                    .or(() -> ChainProfile.version(cert))
                    .or(() -> ChainProfile.intermediate(cert))
                    .or(() -> ChainSignatures.key(cert));
        }

        /** The cryptographic link from {@code cert} (at index {@code from}) to {@code issuer} (at {@code to}). */
        private Optional<ChainRefusal> link(int from, int to, X509CertificateHolder cert, X509CertificateHolder issuer) {
            long key = ((long) from << 32) | (to & 0xFFFF_FFFFL);
            return linkChecks.computeIfAbsent(key, k -> {
                Optional<ChainRefusal> algorithm = ChainSignatures.algorithm(cert);
                if (algorithm.isPresent()) {
                    return algorithm;
                }
                boolean toAnchor = issuer == anchor;
                String issuerText = toAnchor ? "the trusted CA \"" + anchor.getSubject() + "\""
                        : ChainProfile.describe(issuer);
                ChainRefusal.Reason reason = toAnchor ? ChainRefusal.Reason.UNTRUSTED
                        : ChainRefusal.Reason.BAD_SIGNATURE;
                if (!ChainSignatures.keyIdsMatch(cert, issuer)) {
                    return Optional.of(new ChainRefusal(toAnchor ? reason : ChainRefusal.Reason.KEY_ID_MISMATCH,
                            ChainProfile.describe(cert) + ": authority key identifier does not match " + issuerText));
                }
                ChainSignatures.IssuerKey issuerKey = toAnchor ? anchorKey
                        : ChainSignatures.IssuerKey.of(issuer.getSubjectPublicKeyInfo());
                if (!ChainSignatures.verifies(cert, issuerKey)) {
                    return Optional.of(new ChainRefusal(reason, ChainProfile.describe(cert)
                            + ": signature does not verify with the key of " + issuerText));
                }
                return Optional.empty();
            });
        }

        private void remember(ChainRefusal refusal) {
            if (firstRefusal == null) {
                firstRefusal = refusal;
            }
        }
    }

    private static byte[] encoding(X509CertificateHolder cert) {
        try {
            return cert.getEncoded();
        } catch (IOException e) {
            // A holder was parsed from DER, so re-encoding it cannot fail short of a BouncyCastle bug.
            throw new IllegalStateException("re-encoding a parsed certificate", e);
        }
    }
}
