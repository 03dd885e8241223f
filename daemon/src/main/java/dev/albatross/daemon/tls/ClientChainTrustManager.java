package dev.albatross.daemon.tls;

import dev.albatross.protocol.x509.ChainOutcome;
import dev.albatross.protocol.x509.ChainRefusal;
import dev.albatross.protocol.x509.ChainValidator;
import java.io.IOException;
import java.net.Socket;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.cert.X509CertificateHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges a client's chain during the TLS handshake with the pure {@link ChainValidator} (spec §6.4), so a bad
 * chain gets a TLS alert: {@code certificate_expired} for validity, {@code bad_certificate} or
 * {@code certificate_unknown} otherwise (the TLS stack picks the alert from the exception type). The validated
 * path is left in the handshake session for {@link ClientChainHandler}.
 */
final class ClientChainTrustManager extends X509ExtendedTrustManager {
    private static final Logger LOG = LoggerFactory.getLogger(ClientChainTrustManager.class);
    /** The session value holding the validated path ({@link ValidatedPath}). */
    static final String PATH_KEY = "dev.albatross.validated-path";

    /** The path the validator accepted: leaf first, the trusted CA excluded. */
    record ValidatedPath(List<X509CertificateHolder> certificates) {
        ValidatedPath {
            certificates = List.copyOf(certificates);
        }
    }

    private final ChainValidator validator;
    private final X509Certificate anchor;
    private final InstantSource clock;

    ClientChainTrustManager(ChainValidator validator, X509Certificate anchor, InstantSource clock) {
        this.validator = validator;
        this.anchor = anchor;
        this.clock = clock;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        ValidatedPath path = validate(chain, engine.getPeerHost() + ":" + engine.getPeerPort());
        SSLSession session = engine.getHandshakeSession();
        if (session != null) {
            session.putValue(PATH_KEY, path);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        validate(chain, String.valueOf(socket.getRemoteSocketAddress()));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        validate(chain, "client");
    }

    private ValidatedPath validate(X509Certificate[] chain, String peer) throws CertificateException {
        List<X509CertificateHolder> holders = new ArrayList<>(chain.length);
        for (X509Certificate c : chain) {
            try {
                holders.add(new X509CertificateHolder(c.getEncoded()));
            } catch (IOException | CertificateEncodingException e) {
                LOG.warn("{}: refused: unparsable client certificate: {}", peer, e.getMessage());
                throw new CertificateException("unparsable client certificate", e);
            }
        }
        ChainOutcome<List<X509CertificateHolder>> outcome = validator.validate(holders, clock.instant());
        if (outcome instanceof ChainOutcome.Refused<List<X509CertificateHolder>> refused) {
            ChainRefusal r = refused.refusal();
            LOG.warn("{}: refused during the TLS handshake: {}: {}", peer, r.reason(), r.message());
            throw exception(r);
        }
        return new ValidatedPath(outcome.orElseThrow());
    }

    /** The exception whose type tells the TLS stack which alert to send. */
    static CertificateException exception(ChainRefusal refusal) {
        if (refusal.reason() == ChainRefusal.Reason.EXPIRED) {
            return new CertificateExpiredException(refusal.message());
        } else if (refusal.reason() == ChainRefusal.Reason.NOT_YET_VALID) {
            return new CertificateNotYetValidException(refusal.message());
        }
        return new CertificateException(refusal.message());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("the endpoint does not authenticate servers");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("the endpoint does not authenticate servers");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the endpoint does not authenticate servers");
    }

    /** Named in the CertificateRequest, so a client with several identities picks one under our CA. */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[] {anchor};
    }
}
