package dev.albatross.daemon.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of the handshake (spec §6.4): TLS 1.3 only, the endpoint's certificate chain and key, a client
 * certificate required and judged by {@link ClientChainTrustManager}.
 */
final class ServerTls {
    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);
    /** More than the validator's own limit, so that it (not the JDK) refuses long chains and says why. */
    private static final int JDK_MAX_CHAIN = 16;
    /**
     * Longer than the 7 days a TLS 1.3 session ticket may live (RFC 8446 section 4.6.1): the JDK then sends no
     * NewSessionTicket, so no client can resume a session.
     */
    private static final long NO_TICKETS_SESSION_TIMEOUT_SECONDS = Duration.ofDays(7).toSeconds() + 1;

    private ServerTls() {
    }

    /** The provider to use: {@code wanted}, or the JDK's when BoringSSL cannot be loaded here. */
    static TlsProvider available(TlsProvider wanted) {
        if (wanted == TlsProvider.OPENSSL && !OpenSsl.isAvailable()) {
            LOG.warn("BoringSSL is not available ({}); using the JDK's TLS", String.valueOf(OpenSsl.unavailabilityCause()));
            return TlsProvider.JDK;
        }
        return wanted;
    }

    static SslContext context(TlsProvider provider, TlsCredentials credentials, ClientChainTrustManager trust,
            TlsLimits limits) throws SSLException {
        SslContextBuilder builder = SslContextBuilder.forServer(new ServerKeyManager(credentials))
                .protocols("TLSv1.3")
                .clientAuth(ClientAuth.REQUIRE)
                .trustManager(trust);
        switch (provider) {
            case OPENSSL -> builder.sslProvider(SslProvider.OPENSSL)
                    .option(OpenSslContextOption.MAX_CERTIFICATE_LIST_BYTES, limits.maxHandshakeBytes());
            case JDK -> {
                jdkLimits(limits);
                Curve25519Provider.install();
                // Albatross (ocaml-tls without a ticket cache) resumes no session: every command presents its
                // certificate, which the trust manager judges. The JDK would otherwise issue tickets and, on
                // resumption, skip the certificate altogether.
                builder.sslProvider(SslProvider.JDK).sessionTimeout(NO_TICKETS_SESSION_TIMEOUT_SECONDS);
            }
        }
        return builder.build();
    }

    /**
     * The JDK reads its handshake limits once, from system properties, when its TLS classes load: 32 KiB per
     * handshake message (a leaf certificate with an embedded image is larger) and 10 certificates. A property the
     * operator set on the command line wins. JVM-wide by the JDK's design; this process runs only the endpoint.
     */
    static void jdkLimits(TlsLimits limits) {
        if (System.getProperty("jdk.tls.maxHandshakeMessageSize") == null) {
            System.setProperty("jdk.tls.maxHandshakeMessageSize", Integer.toString(limits.maxHandshakeBytes()));
        }
        if (System.getProperty("jdk.tls.maxCertificateChainLength") == null) {
            System.setProperty("jdk.tls.maxCertificateChainLength", Integer.toString(JDK_MAX_CHAIN));
        }
    }
}
