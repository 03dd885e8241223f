package dev.albatross.daemon.tls;

/**
 * When one connection reached each step, in {@link System#nanoTime()} units, for the endpoint's benchmark: the
 * endpoint's own share of a command is {@link #endpointNanos()}, the rest is the daemon's.
 *
 * @param accepted    the TCP connection was accepted
 * @param handshake   the TLS handshake (with the chain validation) finished
 * @param commandSent the command went to the daemon (after the chain's policies)
 * @param daemonDone  the daemon's last message arrived (or its connection failed)
 * @param finished    the final reply was handed to the TLS connection
 */
public record EndpointTimings(long accepted, long handshake, long commandSent, long daemonDone, long finished) {
    /** Time spent in the endpoint: everything except waiting for the daemon after the command was sent. */
    public long endpointNanos() {
        return (finished - accepted) - (daemonDone - commandSent);
    }
}
