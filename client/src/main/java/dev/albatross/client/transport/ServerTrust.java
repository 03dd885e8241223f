package dev.albatross.client.transport;

import dev.albatross.client.cert.TrustCheck;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts the server's chain if it leads to {@code --server-ca} (spec §6.4, client side), the leaf may serve TLS
 * (extended key usage absent, serverAuth or any) and, when {@code --destination} names a host, the leaf names
 * it ({@link HostName}; our addition: Albatross checks no host name).
 */
final class ServerTrust extends X509ExtendedTrustManager {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String ANY_EKU = "2.5.29.37.0";

    private final List<X509Certificate> anchors;
    private final Optional<String> host;
    private final InstantSource clock;

    ServerTrust(List<X509Certificate> anchors, Optional<String> host, InstantSource clock) {
        this.anchors = List.copyOf(anchors);
        this.host = host;
        this.clock = clock;
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server sent no certificate");
        }
        Optional<String> problem = TrustCheck.problem(Arrays.asList(chain), anchors, clock.instant());
        if (problem.isPresent()) {
            throw new CertificateException("server certificate chain not valid against the server CA: "
                    + problem.get());
        }
        X509Certificate leaf = chain[0];
        try {
            List<String> eku = leaf.getExtendedKeyUsage();
            if (eku != null && !eku.contains(SERVER_AUTH) && !eku.contains(ANY_EKU)) {
                throw new CertificateException("server certificate is not for TLS servers (extended key usage)");
            }
        } catch (CertificateParsingException e) {
            throw new CertificateException("server certificate has an unreadable extended key usage", e);
        }
        if (host.isPresent() && !HostName.matches(leaf, host.get())) {
            throw new CertificateException("server certificate is for " + HostName.names(leaf) + ", not for "
                    + host.get());
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("the client does not accept clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("the client does not accept clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the client does not accept clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return anchors.toArray(new X509Certificate[0]);
    }
}
