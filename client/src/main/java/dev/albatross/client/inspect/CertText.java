package dev.albatross.client.inspect;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * What an operator checks in a certificate before the Albatross extension (spec §6.2): who it names and who
 * issued it, its serial (as the signing database lists it), its validity and whether it is a CA.
 */
final class CertText {
    private CertText() {
    }

    static void certificate(Lines out, X509CertificateHolder cert) {
        out.field("subject", FieldText.printable(cert.getSubject().toString()));
        out.field("issuer", FieldText.printable(cert.getIssuer().toString()));
        out.field("serial", cert.getSerialNumber().toString(16));
        out.field("not-before", FieldText.time(cert.getNotBefore().toInstant()));
        out.field("not-after", FieldText.time(cert.getNotAfter().toInstant()));
        out.field("ca", ca(cert));
    }

    static void request(Lines out, PKCS10CertificationRequest csr) {
        out.field("subject", FieldText.printable(csr.getSubject().toString()));
    }

    private static String ca(X509CertificateHolder cert) {
        BasicConstraints constraints;
        try {
            constraints = BasicConstraints.fromExtensions(cert.getExtensions());
        } catch (IllegalArgumentException | IllegalStateException e) {
            // BouncyCastle parses the extension only now, and reports a malformed one with these.
            return "unknown (malformed basic constraints: " + e.getMessage() + ")";
        }
        if (constraints == null) {
            return "false (no basic constraints)";
        }
        if (!constraints.isCA()) {
            return "false";
        }
        return constraints.getPathLenConstraint() == null ? "true"
                : "true, path length " + constraints.getPathLenConstraint();
    }
}
