package dev.albatross.stats.metrics;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A {@code HOST[:PORT]} as the command lines take it ({@code --influx}, {@code --metrics-listen}): a name, an IPv4
 * address, or an IPv6 address, bracketed when a port follows ({@code [::1]:9100}).
 */
public record HostPort(String host, int port) {
    public HostPort {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty host");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Parses {@code text}; without a port, {@code defaultPort} is used, and if that is empty it is an error. */
    public static HostPort parse(String text, OptionalInt defaultPort) {
        String host;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '[' in " + text);
            }
            host = text.substring(1, close);
            if (close + 1 < text.length()) {
                if (text.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("expected ':' after ']' in " + text);
                }
                port = text.substring(close + 2);
            }
        } else if (text.indexOf(':') != text.lastIndexOf(':')) {
            host = text; // a bare IPv6 address: a port needs brackets
        } else if (text.indexOf(':') >= 0) {
            host = text.substring(0, text.indexOf(':'));
            port = text.substring(text.indexOf(':') + 1);
        } else {
            host = text;
        }
        if (port == null) {
            if (defaultPort.isEmpty()) {
                throw new IllegalArgumentException("no port in " + text + " (expected HOST:PORT)");
            }
            return new HostPort(host, defaultPort.getAsInt());
        }
        try {
            return new HostPort(host, Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in " + text + ": " + port, e);
        }
    }

    /** {@code host:port}, the host bracketed if it is an IPv6 address. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** Resolves the host now (each connection attempt resolves afresh). */
    public InetSocketAddress resolve() {
        return new InetSocketAddress(host, port);
    }
}
