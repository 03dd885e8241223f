package dev.albatross.daemon.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The endpoint's one identity, offered whatever key type the TLS stack asks for. Netty's BoringSSL binding asks
 * by the cipher suites' key types (RSA, EC) and has none for Ed25519, Albatross's default: a key manager that
 * matched on type would find no key for an Ed25519 server certificate.
 */
final class ServerKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "albatross-tls-endpoint";

    private final X509Certificate[] chain;
    private final PrivateKey key;

    ServerKeyManager(TlsCredentials credentials) {
        this.chain = credentials.chain().toArray(X509Certificate[]::new);
        this.key = Ed25519SigningKey.preparedIfEd25519(credentials.key());
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return ALIAS;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return ALIAS;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return new String[] {ALIAS};
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return new String[0];
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }
}
