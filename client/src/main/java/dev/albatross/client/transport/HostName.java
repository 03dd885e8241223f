package dev.albatross.client.transport;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Whether a server certificate names the host we connect to (RFC 6125): its DNS subject alternative names,
 * or, when it has none, its common names (Albatross's {@code generate --server NAME} puts the name only in the
 * CN). A {@code *} matches exactly one whole left-most label.
 *
 * <p>Albatross does not check the host name at all (spec §13.1, {@code TODO ~host}); we do whenever
 * {@code --destination} names a host rather than an IP address.
 */
public final class HostName {
    private static final int DNS_NAME = 2;

    private HostName() {
    }

    /** True if {@code cert} is valid for {@code host}. */
    public static boolean matches(X509Certificate cert, String host) {
        String wanted = normalise(host);
        List<String> names = dnsNames(cert);
        if (names.isEmpty()) {
            names = commonNames(cert);
        }
        for (String name : names) {
            if (matchesPattern(normalise(name), wanted)) {
                return true;
            }
        }
        return false;
    }

    /** The names {@link #matches} considers, for error messages. */
    public static List<String> names(X509Certificate cert) {
        List<String> names = dnsNames(cert);
        return names.isEmpty() ? commonNames(cert) : names;
    }

    private static String normalise(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    static boolean matchesPattern(String pattern, String host) {
        if (pattern.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot).equals(pattern.substring(1));
        }
        return pattern.equals(host);
    }

    private static List<String> dnsNames(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.size() == 2 && Integer.valueOf(DNS_NAME).equals(san.get(0))
                            && san.get(1) instanceof String s) {
                        names.add(s);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return List.of(); // an unreadable SAN names nothing; the CN fallback still applies
        }
        return names;
    }

    private static List<String> commonNames(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    names.add(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            return List.of(); // the JDK printed this name itself; if it cannot read it back, it names nothing
        }
        return names;
    }
}
