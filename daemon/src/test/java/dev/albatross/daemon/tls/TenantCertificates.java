package dev.albatross.daemon.tls;

import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.Policy;
import dev.albatross.protocol.x509.ChainCertificates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import javax.net.ssl.SSLContext;

/**
 * The certificates of the endpoint's tests and benchmark, made like {@code albatross-client} makes them (Ed25519,
 * spec §6.2): a root CA, the endpoint's server certificate, a tenant CA with a policy, a sub-tenant CA below it
 * with a smaller one, and leaves for any command.
 */
final class TenantCertificates {
    final Instant now;
    final Instant from;
    final Instant to;
    final ChainCertificates.Issued root;
    final ChainCertificates.Issued server;
    final ChainCertificates.Issued tenant;
    final ChainCertificates.Issued sub;
    final Policy tenantPolicy;
    final Policy subPolicy;

    TenantCertificates(Instant now, String bridge) {
        this.now = now;
        this.from = now.minus(Duration.ofHours(1));
        this.to = now.plus(Duration.ofDays(1));
        root = ChainCertificates.root("ca", from, to.plus(Duration.ofDays(3650)));
        server = ChainCertificates.builder("server").issuer(root).validity(from, to).server().build();
        tenantPolicy = new Policy(6, List.of(0, 1), 512, OptionalInt.of(64), List.of(bridge));
        subPolicy = new Policy(3, List.of(0), 128, OptionalInt.of(16), List.of());
        tenant = ChainCertificates.policyCa("tenant", tenantPolicy, root, from, to);
        sub = ChainCertificates.policyCa("sub", subPolicy, tenant, from, to);
    }

    TlsCredentials credentials() {
        return new TlsCredentials(root.jca(), List.of(server.jca()), server.keys().getPrivate());
    }

    ChainCertificates.Issued leaf(String cn, Command command, ChainCertificates.Issued issuer) {
        return ChainCertificates.leaf(cn, command, issuer, from, to);
    }

    /** The client context for {@code leaf} followed by {@code cas} (issuer first), as a client sends them. */
    static SSLContext client(ChainCertificates.Issued leaf, ChainCertificates.Issued... cas) {
        List<ChainCertificates.Issued> chain = new ArrayList<>();
        chain.add(leaf);
        chain.addAll(List.of(cas));
        return TlsTestClient.context(chain);
    }

    /** A leaf of the sub-tenant (chain leaf, sub, tenant). */
    SSLContext subClient(String cn, Command command) {
        return client(leaf(cn, command, sub), sub, tenant);
    }
}
