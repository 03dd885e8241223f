package dev.albatross.daemon.tls;

/**
 * Which TLS implementation terminates the connections. Both are TLS 1.3 only and call our
 * {@link ClientChainTrustManager} during the handshake.
 *
 * <p>{@link #JDK} is the default and the only one that works with Albatross's certificates: BoringSSL (through
 * netty-tcnative 2.0.84) leaves Ed25519 out of the signature algorithms it accepts from clients and offers no
 * way to add it, so a client with an Ed25519 key (albatross-client's default since 1.3.0) cannot authenticate.
 * {@link #OPENSSL} remains for deployments whose clients use RSA or ECDSA keys, and as the benchmark's
 * alternative; it needs netty-tcnative-boringssl-static on the class path (a test dependency here).
 */
public enum TlsProvider {
    JDK, OPENSSL
}
