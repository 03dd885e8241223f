package dev.albatross.client.transport;

import java.io.IOException;

/** A TLS session that could not be set up, classified as Albatross's exit statuses need it (spec §10.3). */
public final class TlsFailure extends IOException {
    private static final long serialVersionUID = 1L;

    /** Whose certificate was refused, if that is what happened. */
    public enum Kind {
        /** The server refused our certificate (alert bad_certificate and kin): exit 119. */
        LOCAL_AUTHENTICATION,
        /** The server's certificate is not valid for us: exit 120. */
        REMOTE_AUTHENTICATION,
        /** Anything else: exit 121. */
        OTHER
    }

    private final Kind kind;

    TlsFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Classifies an exception of the handshake or of the first read: in TLS 1.3 the server checks our certificate
     * after our side finished, so its refusal arrives as an alert on the first read.
     */
    static TlsFailure classify(IOException e) {
        if (e instanceof TlsFailure f) {
            return f;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateException) {
                return new TlsFailure(Kind.REMOTE_AUTHENTICATION, String.valueOf(t.getMessage()), e);
            }
        }
        String message = String.valueOf(e.getMessage());
        // Compat: Albatross maps the alerts bad_certificate and certificate_expired to 119; a JDK server says
        // certificate_unknown for an untrusted chain, which means the same.
        if (message.contains("bad_certificate") || message.contains("certificate_expired")
                || message.contains("certificate_unknown") || message.contains("certificate_required")) {
            return new TlsFailure(Kind.LOCAL_AUTHENTICATION, message, e);
        }
        return new TlsFailure(Kind.OTHER, message, e);
    }
}
