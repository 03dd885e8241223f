package dev.albatross.client.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * Opens the mutual-TLS connection to {@code albatross-tls-endpoint} (spec §2.3, §6.4): our chain and key, the
 * server checked by {@link ServerTrust}. TLS 1.3 (what the endpoint speaks), 1.2 allowed as ocaml-tls allows it.
 */
public final class TlsConnector {
    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private TlsConnector() {
    }

    /** Where to connect and whom to trust. {@code checkHost}: the host name the server certificate must name. */
    public record Target(String host, int port, List<X509Certificate> serverCas, Optional<String> checkHost) {
    }

    /**
     * Connects and completes the handshake.
     *
     * @throws java.net.ConnectException and other socket errors when the TCP connection fails
     * @throws TlsFailure when the TLS session cannot be set up
     */
    public static Connection connect(Target target, PrivateKey key, List<X509Certificate> chain,
                                     InstantSource clock, SecureRandom random) throws IOException {
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {new ClientIdentity(key, chain)},
                    new TrustManager[] {new ServerTrust(target.serverCas(), target.checkHost(), clock)}, random);
        } catch (GeneralSecurityException e) {
            throw new TlsFailure(TlsFailure.Kind.OTHER, "tls configuration failed: " + e.getMessage(), e);
        }
        Socket raw = new Socket();
        try {
            raw.connect(new InetSocketAddress(target.host(), target.port()));
        } catch (IOException e) {
            raw.close();
            throw e;
        }
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(raw, target.host(), target.port(), true);
        try {
            List<String> enabled = new ArrayList<>(PROTOCOLS);
            enabled.retainAll(Arrays.asList(tls.getSupportedProtocols()));
            tls.setEnabledProtocols(enabled.toArray(new String[0]));
            tls.setUseClientMode(true);
            tls.startHandshake();
        } catch (IOException e) {
            tls.close();
            throw TlsFailure.classify(e);
        }
        return new Connection(new AlertClassifyingStream(tls.getInputStream()), tls.getOutputStream(), tls);
    }

    /** Reports an alert received while reading as the {@link TlsFailure} it stands for. */
    private static final class AlertClassifyingStream extends InputStream {
        private final InputStream in;

        AlertClassifyingStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (javax.net.ssl.SSLException e) {
                throw TlsFailure.classify(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (javax.net.ssl.SSLException e) {
                throw TlsFailure.classify(e);
            }
        }
    }
}
