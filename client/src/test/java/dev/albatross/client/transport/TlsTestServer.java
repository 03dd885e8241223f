package dev.albatross.client.transport;

import dev.albatross.client.cert.Pem;
import dev.albatross.protocol.wire.Framing;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.wire.WireCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A stand-in for {@code albatross-tls-endpoint}: JDK TLS 1.3 on loopback with mandatory client certificates,
 * checked with the JDK's PKIX validator against its CA at a given time (the recorded certificates are valid only
 * around their recording). For each connection it keeps the chain it received and answers with the messages
 * {@code reply} makes from that chain, then closes.
 */
public final class TlsTestServer implements AutoCloseable {
    /** Plain TCP: the TLS layer is put on each accepted socket, so that the socket outlives a failed handshake. */
    private final ServerSocket plain;
    private final SSLSocketFactory tls;
    private final CompletableFuture<List<X509Certificate>> received;

    private TlsTestServer(ServerSocket plain, SSLSocketFactory tls, Function<List<X509Certificate>, List<Wire>> reply) {
        this.plain = plain;
        this.tls = tls;
        this.received = CompletableFuture.supplyAsync(() -> serveOne(reply));
    }

    /** Starts on 127.0.0.1, port chosen by the system, serving one connection. */
    public static TlsTestServer start(Path certFile, Path keyFile, Path caFile, Instant now,
                                      Function<List<X509Certificate>, List<Wire>> reply)
            throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = Pem.certificates(Files.readString(certFile, StandardCharsets.US_ASCII));
        PrivateKey key = Pem.privateKey(Files.readString(keyFile, StandardCharsets.US_ASCII));
        List<X509Certificate> cas = Pem.certificates(Files.readString(caFile, StandardCharsets.US_ASCII));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", key, new char[0], chain.toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        kmf.init(ks, new char[0]);
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(kmf.getKeyManagers(), new TrustManager[] {new ClientCheck(cas.get(0), now)}, null);
        return new TlsTestServer(new ServerSocket(0, 10, InetAddress.getLoopbackAddress()), ctx.getSocketFactory(),
                reply);
    }

    public int port() {
        return plain.getLocalPort();
    }

    /** The chain the client presented, once it connected (empty if the handshake failed). */
    public List<X509Certificate> received() throws Exception {
        return received.get(30, TimeUnit.SECONDS);
    }

    private List<X509Certificate> serveOne(Function<List<X509Certificate>, List<Wire>> reply) {
        try (Socket raw = plain.accept();
             SSLSocket s = (SSLSocket) tls.createSocket(raw, null, raw.getPort(), false)) {
            s.setUseClientMode(false);
            s.setNeedClientAuth(true);
            s.setEnabledProtocols(new String[] {"TLSv1.3"});
            try {
                s.startHandshake();
                List<X509Certificate> chain = new ArrayList<>();
                for (var c : s.getSession().getPeerCertificates()) {
                    chain.add((X509Certificate) c);
                }
                OutputStream out = s.getOutputStream();
                for (Wire w : reply.apply(chain)) {
                    Framing.writeWire(out, w);
                }
                out.flush();
                return chain;
            } catch (IOException e) {
                // The handshake failed and our alert is sent. Closing now, with the rest of the client's flight
                // unread, would reset the connection, and the client might see the reset before the alert: take
                // what it still sends until it closes, as a careful server does.
                lingerClose(raw);
                return List.of(); // the test checks what the client made of it
            }
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void lingerClose(Socket raw) {
        try {
            raw.shutdownOutput();
            raw.setSoTimeout(5000);
            raw.getInputStream().transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the client is gone or stalls: close
        }
    }

    @Override
    public void close() throws IOException {
        plain.close();
    }

    /** The endpoint's client check: a chain to the CA at the given time. */
    private static final class ClientCheck extends X509ExtendedTrustManager {
        private final X509Certificate ca;
        private final Instant now;

        ClientCheck(X509Certificate ca, Instant now) {
            this.ca = ca;
            this.now = now;
        }

        private void check(X509Certificate[] chain) throws CertificateException {
            try {
                PKIXParameters p = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
                p.setRevocationEnabled(false);
                p.setDate(Date.from(now));
                CertPathValidator.getInstance("PKIX").validate(
                        CertificateFactory.getInstance("X.509").generateCertPath(List.of(chain)), p);
            } catch (GeneralSecurityException e) {
                throw new CertificateException("client chain refused: " + e.getMessage(), e);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("not a client");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("not a client");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a client");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[] {ca};
        }
    }
}
