package dev.albatross.client.command;

import java.util.regex.Pattern;

/**
 * {@code HOST[:PORT]} as Albatross reads {@code --destination}: the last {@code :} separates the port (so an IPv6
 * address needs one: {@code ::1:1025}), the host must be an IP address, a host name, or {@code -}.
 */
final class HostPort {
    /** The port of {@code albatross-tls-endpoint} ("blackjack"). */
    static final int DEFAULT_PORT = 1025;

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private HostPort() {
    }

    static Destination.Remote parse(String value) {
        int colon = value.lastIndexOf(':');
        String host = value;
        int port = DEFAULT_PORT;
        if (colon >= 0) {
            host = value.substring(0, colon);
            try {
                port = Integer.parseInt(value.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("failed to parse port");
            }
        }
        if (!host.equals("-") && !isIp(host) && !isHostName(host)) {
            throw new IllegalArgumentException("invalid host " + host);
        }
        return new Destination.Remote(host, port);
    }

    static boolean isIp(String host) {
        var m = IPV4.matcher(host);
        if (m.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(m.group(i)) > 255) {
                    return false;
                }
            }
            return true;
        }
        return host.contains(":") && host.matches("[0-9A-Fa-f:.]+") && parsesAsInet6(host);
    }

    private static boolean parsesAsInet6(String host) {
        try {
            // A literal: InetAddress does no lookup for it.
            return java.net.InetAddress.getByName(host) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    static boolean isHostName(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (h.isEmpty() || h.length() > 253) {
            return false;
        }
        for (String label : h.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }
}
