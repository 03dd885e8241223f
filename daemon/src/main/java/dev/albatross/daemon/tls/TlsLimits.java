package dev.albatross.daemon.tls;

import java.time.Duration;

/**
 * The endpoint's limits (Albatross has none): a client that breaks one is logged and answered (a TLS alert, a
 * {@code Failure}, or a closed connection), and nobody else notices.
 *
 * @param handshakeTimeout  a client must finish the TLS handshake within this
 * @param idleTimeout       while the endpoint waits for a client's upload, at most this long between reads
 * @param maxConnections    connections open at once; more are closed at accept
 * @param maxUploadBytes    largest streamed image or block upload, and largest single frame from a client
 * @param maxHandshakeBytes largest TLS handshake message: the client's certificates carry the image of a create
 */
public record TlsLimits(Duration handshakeTimeout, Duration idleTimeout, int maxConnections, long maxUploadBytes,
        int maxHandshakeBytes) {
    /** A handshake of a few round trips takes milliseconds; 10 s allows a slow network and a 16 MiB certificate. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** Clients send upload chunks back to back; 30 s of silence mid-upload is a stalled client. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** Each connection holds two sockets and up to one upload in memory. */
    public static final int DEFAULT_MAX_CONNECTIONS = 256;
    /** Matches the daemon's own image limit (64 MiB), with room for a compressed image's overhead. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 80L * 1024 * 1024;
    /**
     * The stock client embeds the image in the leaf certificate and refuses certificates over 16 MiB; a TLS
     * handshake message cannot exceed 2^24 - 1 bytes anyway.
     */
    public static final int DEFAULT_MAX_HANDSHAKE_BYTES = (1 << 24) - 1;

    public TlsLimits {
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero() || idleTimeout.isNegative()
                || idleTimeout.isZero() || maxConnections < 1 || maxUploadBytes < 1 || maxHandshakeBytes < 1024) {
            throw new IllegalArgumentException("invalid limits " + handshakeTimeout + " " + idleTimeout + " "
                    + maxConnections + " " + maxUploadBytes + " " + maxHandshakeBytes);
        }
    }

    public static TlsLimits defaults() {
        return new TlsLimits(DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_CONNECTIONS,
                DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_MAX_HANDSHAKE_BYTES);
    }

    /** The largest frame a client may send: one frame never holds more than a whole upload. */
    int maxFrameBytes() {
        return (int) Math.min(maxUploadBytes, Integer.MAX_VALUE - 8);
    }
}
