package dev.albatross.client.cert;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a chain (leaf first, then intermediates, as sent in TLS) against trust anchors at a given time,
 * with the JDK's PKIX validator: signatures, validity, basic constraints and key usage of CAs, no revocation
 * (Albatross has none, spec §13.1). Used for our own chain before connecting (exit 116) and for the server's
 * chain (exit 120).
 *
 * <p>Written here for the client until the team's pure chain validation in {@code protocol.x509} is available.
 */
public final class TrustCheck {
    private TrustCheck() {
    }

    /** Empty if {@code chain} leads to one of {@code anchors} at {@code now}, else why not. */
    public static Optional<String> problem(List<X509Certificate> chain, List<X509Certificate> anchors,
                                                     Instant now) {
        if (chain.isEmpty()) {
            return Optional.of("empty certificate chain");
        }
        if (anchors.isEmpty()) {
            return Optional.of("no trust anchor");
        }
        Set<TrustAnchor> trust = new HashSet<>();
        for (X509Certificate anchor : anchors) {
            trust.add(new TrustAnchor(anchor, null));
        }
        List<X509Certificate> path = new ArrayList<>();
        for (X509Certificate c : chain) {
            if (!anchors.contains(c)) {
                path.add(c);
            }
        }
        if (path.isEmpty()) {
            return Optional.empty(); // the peer sent only the anchor itself
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            CertPath certPath = factory.generateCertPath(path);
            PKIXParameters params = new PKIXParameters(trust);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(certPath, params);
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }
}
