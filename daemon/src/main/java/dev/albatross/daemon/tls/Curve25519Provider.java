package dev.albatross.daemon.tls;

import java.security.Provider;
import java.security.Security;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Ed25519 signatures and X25519 key agreement from BouncyCastle's lightweight API, for the JDK's TLS. SunJSSE takes
 * every algorithm from the JCA provider list, and the JDK 17 implementations of these two (SunEC) cost about 1.3 ms
 * per signature, 1.8 ms per verification and 0.7 ms per key share on our hosts, against 0.06, 0.17 and 0.24 ms here:
 * a full handshake with an Ed25519 client (Albatross's default) needs one of each.
 *
 * <p>Only these algorithms, and only for keys of these two curves: anything else (Ed448, X448, every cipher and
 * hash) is left to the JDK, which the JCA asks next. The results are the same bytes (RFC 8032, RFC 7748); only the
 * speed differs. Services are built by constructors, not looked up by class name, so no reflection is involved.
 */
final class Curve25519Provider extends Provider {
    private static final long serialVersionUID = 1L;
    static final String NAME = "AlbatrossCurve25519";

    Curve25519Provider() {
        super(NAME, "1.0", "Ed25519 and X25519 through BouncyCastle's lightweight API");
        add("Signature", "Ed25519", List.of(), Ed25519SignatureSpi.class, Ed25519SignatureSpi::new,
                Curve25519Keys::isEd25519);
        add("KeyPairGenerator", "XDH", List.of("X25519"), X25519KeyPairGeneratorSpi.class,
                X25519KeyPairGeneratorSpi::new, null);
        add("KeyFactory", "XDH", List.of("X25519"), X25519KeyFactorySpi.class, X25519KeyFactorySpi::new, null);
        add("KeyAgreement", "XDH", List.of("X25519"), X25519KeyAgreementSpi.class, X25519KeyAgreementSpi::new,
                Curve25519Keys::isX25519);
    }

    /**
     * Puts this provider first in the JVM's list, once (later calls find it there). JVM-wide by the JCA's design:
     * SunJSSE cannot be given a provider of its own. The endpoint's process runs only the endpoint.
     */
    static void install() {
        if (Security.getProvider(NAME) == null) {
            Security.insertProviderAt(new Curve25519Provider(), 1);
        }
    }

    private void add(String type, String algorithm, List<String> aliases, Class<?> implementation,
            Supplier<Object> spi, Predicate<Object> keys) {
        putService(new Service(this, type, algorithm, implementation.getName(), aliases, Map.of()) {
            @Override
            public Object newInstance(Object constructorParameter) {
                return spi.get();
            }

            /** For signatures and agreements: only keys of our curve, so the JCA offers the others to the JDK. */
            @Override
            public boolean supportsParameter(Object parameter) {
                return keys == null ? super.supportsParameter(parameter) : keys.test(parameter);
            }
        });
    }
}
