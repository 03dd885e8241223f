package dev.albatross.daemon.tls;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.wire.Framing;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.wire.WireCodec;
import dev.albatross.protocol.x509.ChainCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * A blocking TLS client for the endpoint, as {@code albatross-client} behaves remotely: presents a chain (leaf
 * first), optionally streams frames, reads replies until the endpoint closes. It does not check the server's
 * certificate (the server is the test's own, on loopback; the endpoint's side is what is tested).
 */
final class TlsTestClient {
    private TlsTestClient() {
    }

    /** A client context presenting {@code chain} with the leaf's key. */
    static SSLContext context(List<ChainCertificates.Issued> chain) {
        return context(chain, new AtomicInteger());
    }

    /** A client context presenting {@code chain}; {@code chainsSent} counts the handshakes that asked for it. */
    static SSLContext context(List<ChainCertificates.Issued> chain, AtomicInteger chainsSent) {
        X509Certificate[] certs = chain.stream().map(ChainCertificates.Issued::jca).toArray(X509Certificate[]::new);
        PrivateKey key = chain.get(0).keys().getPrivate();
        try {
            SSLContext ctx = SSLContext.getInstance("TLSv1.3");
            ctx.init(new X509ExtendedKeyManager[] {new Identity(certs, key, chainsSent)},
                    new TrustManager[] {new TrustAll()}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An open session: handshake done, nothing read yet. */
    static final class Session implements AutoCloseable {
        final SSLSocket socket;
        final InputStream in;
        final OutputStream out;

        private final boolean resumable;

        /** A session that is forgotten when closed, as by albatross-client (a new process per command). */
        Session(SSLContext ctx, int port) throws IOException {
            this(ctx, port, false);
        }

        /** With {@code resumable}, the JDK may resume it in a later session of {@code ctx} if the server lets it. */
        Session(SSLContext ctx, int port, boolean resumable) throws IOException {
            this.resumable = resumable;
            socket = (SSLSocket) ctx.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
            socket.setEnabledProtocols(new String[] {"TLSv1.3"});
            // Small TLS records (Finished, a reply) must not wait for delayed ACKs: 40 ms each on Linux.
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(20_000);
            socket.startHandshake();
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        void sendChunk(byte[] data) throws IOException {
            Framing.writeFrame(out, data, 0, data.length);
            out.flush();
        }

        void sendEnd() throws IOException {
            Framing.writeEnd(out);
            out.flush();
        }

        Optional<Wire> read() throws IOException {
            Framing.Frame f = Framing.readFrame(in, Framing.DEFAULT_MAX_FRAME_BYTES);
            if (f instanceof Framing.Frame.Chunk c) {
                return Optional.of(WireCodec.decode(c.payload()).orElseThrow());
            }
            return Optional.empty();
        }

        List<Wire> readAll() throws IOException {
            List<Wire> all = new ArrayList<>();
            for (Optional<Wire> w = read(); w.isPresent(); w = read()) {
                all.add(w.get());
            }
            return all;
        }

        @Override
        public void close() throws IOException {
            if (!resumable) {
                // Also forgets the session tickets received in it (the JDK keeps them as its children).
                socket.getSession().invalidate();
            }
            socket.close();
        }
    }

    /** One command: connect, send the upload (if any) and its end marker, read every reply. */
    static List<Wire> call(SSLContext ctx, int port, List<byte[]> upload) throws IOException {
        try (Session s = new Session(ctx, port)) {
            if (!upload.isEmpty()) {
                for (byte[] chunk : upload) {
                    s.sendChunk(chunk);
                }
                s.sendEnd();
            }
            return s.readAll();
        }
    }

    static List<Wire> call(SSLContext ctx, int port) throws IOException {
        return call(ctx, port, List.of());
    }

    static Bytes bytes(byte[] data) {
        return Bytes.copyOf(data);
    }

    private static final class Identity extends X509ExtendedKeyManager {
        private final X509Certificate[] chain;
        private final PrivateKey key;
        private final AtomicInteger chainsSent;

        Identity(X509Certificate[] chain, PrivateKey key, AtomicInteger chainsSent) {
            this.chain = chain;
            this.key = key;
            this.chainsSent = chainsSent;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"client"};
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "client";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "client";
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[0];
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        /** Asked once per handshake in which the server requests a certificate (never in a resumed one). */
        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            chainsSent.incrementAndGet();
            return chain.clone();
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return key;
        }
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // Client side only: there are no clients to check.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // The server is the test's own endpoint on loopback; its side is what the tests check.
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
