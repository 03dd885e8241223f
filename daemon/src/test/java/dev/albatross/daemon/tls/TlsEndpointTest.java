package dev.albatross.daemon.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.albatross.daemon.DaemonFixture;
import dev.albatross.daemon.WireClient;
import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.der.DerNode;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.BlockCmd;
import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.ConsoleCmd;
import dev.albatross.protocol.wire.Data;
import dev.albatross.protocol.wire.Failure;
import dev.albatross.protocol.wire.Policy;
import dev.albatross.protocol.wire.PolicyCmd;
import dev.albatross.protocol.wire.Success;
import dev.albatross.protocol.wire.UnikernelCmd;
import dev.albatross.protocol.wire.UnikernelConfig;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.x509.CertExtension;
import dev.albatross.protocol.x509.ChainCertificates;
import dev.albatross.tender.elf.Solo5ImageBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * End to end on loopback (spec §11): a real albatrossd in this JVM (the solo5-hvt double as tender), the endpoint
 * with each TLS provider, and clients presenting chains root CA → tenant CA (policy) → sub-tenant CA (smaller
 * policy) → leaf. Every bad input is refused with an alert or a {@code Failure} and a log line, and the endpoint
 * goes on serving the next client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsEndpointTest {
    static {
        // Before any TLS class of this JVM loads: the JDK reads its handshake limits once (see ServerTls).
        ServerTls.jdkLimits(TlsLimits.defaults());
    }

    static final TlsLimits LIMITS = new TlsLimits(Duration.ofSeconds(2), Duration.ofSeconds(2), 6, 4L << 20,
            TlsLimits.DEFAULT_MAX_HANDSHAKE_BYTES);

    Path dir;
    DaemonFixture daemon;
    TenantCertificates certs;
    TlsEndpoint openssl;
    TlsEndpoint jdk;
    ListAppender<ILoggingEvent> log;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        dir = tmp;
        daemon = DaemonFixture.create(dir).start();
        Instant now = Instant.now();
        certs = new TenantCertificates(now, daemon.bridge);
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        jdk = TlsEndpoint.listen(config(TlsProvider.JDK, clock), loopback());
        openssl = TlsEndpoint.listen(config(TlsProvider.OPENSSL, clock), loopback());
        log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger("dev.albatross.daemon.tls")).addAppender(log);
    }

    private TlsEndpoint.Config config(TlsProvider provider, Clock clock) {
        return new TlsEndpoint.Config(certs.credentials(), provider, daemon.paths.tmpdir(), LIMITS, clock, 2, t -> { });
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterAll
    void stop() throws IOException {
        if (openssl != null) {
            openssl.close();
        }
        if (jdk != null) {
            jdk.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    @BeforeEach
    void clearLog() {
        if (log != null) {
            log.list.clear();
        }
    }

    private TlsEndpoint endpoint(TlsProvider p) {
        return p == TlsProvider.OPENSSL ? openssl : jdk;
    }

    private Wire single(TlsProvider p, SSLContext ctx) throws IOException {
        List<Wire> replies = TlsTestClient.call(ctx, endpoint(p).port());
        assertEquals(1, replies.size(), replies.toString());
        return replies.get(0);
    }

    private void assertLogged(String fragment) {
        assertTrue(log.list.stream().anyMatch(e -> e.getFormattedMessage().contains(fragment)),
                () -> "no log line with '" + fragment + "' in " + log.list.stream()
                        .map(ILoggingEvent::getFormattedMessage).toList());
    }

    /** The endpoint still answers a good client. */
    private void stillServing(TlsProvider p) throws IOException {
        Wire info = single(p, certs.subClient(".", new UnikernelCmd.Info()));
        assertInstanceOf(Success.UnikernelInfo.class, info.payload(), info.toString());
    }

    private static UnikernelConfig hanging(Bytes image) {
        return UnikernelConfig.builder().image(image).memoryMb(16).cpuids(List.of(0))
                .arguments(Optional.of(List.of("--x-hang"))).build();
    }

    private static Bytes image(int padTo) {
        byte[] elf = Solo5ImageBuilder.hvt().build();
        if (padTo <= elf.length) {
            return Bytes.copyOf(elf);
        }
        byte[] padded = new byte[padTo];
        new Random(7).nextBytes(padded);
        System.arraycopy(elf, 0, padded, 0, elf.length);
        return Bytes.wrap(padded);
    }

    // ---- the commands ----------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = "JDK")
    void createWithTheImageInTheCertificateThenInfoConsoleDestroy(TlsProvider p) throws Exception {
        String label = "hello-" + p.name().toLowerCase();
        // A 1 MiB image inside the leaf: a handshake message far above the JDK's default 32 KiB limit.
        Wire created = single(p, certs.subClient(label, new UnikernelCmd.Create(hanging(image(1 << 20)))));
        assertEquals(new Success.Message("created unikernel"), created.payload(), created.toString());
        assertEquals(Name.parse("tenant:sub:" + label), created.header().name());
        assertEquals(0, created.header().sequence());
        assertEquals(5, created.header().version());

        Wire info = single(p, certs.subClient(label, new UnikernelCmd.Info()));
        Success.UnikernelInfo infos = assertInstanceOf(Success.UnikernelInfo.class, info.payload());
        assertEquals(1, infos.unikernels().size());

        try (TlsTestClient.Session s = new TlsTestClient.Session(certs.subClient(label,
                new ConsoleCmd.SubscribeCount(10)), endpoint(p).port())) {
            Wire first = s.read().orElseThrow();
            assertInstanceOf(Success.class, first.payload(), first.toString());
            assertEquals(Name.parse("tenant:sub:" + label), first.header().name());
        }

        Wire destroyed = single(p, certs.subClient(label, new UnikernelCmd.Destroy()));
        assertInstanceOf(Success.Message.class, destroyed.payload(), destroyed.toString());
        // The policies of the chain were installed along the way (spec §6.5), each at its path.
        Wire policies = WireClient.call(daemon.paths.vmmdSocket(), Name.parse("tenant:"), new PolicyCmd.Info());
        Success.Policies listed = assertInstanceOf(Success.Policies.class, policies.payload());
        assertEquals(2, listed.policies().size(), listed.toString());
    }

    @Test
    void createWithAStreamedImage() throws Exception {
        UnikernelConfig empty = hanging(Bytes.EMPTY);
        byte[] img = image(300_000).toByteArray();
        List<byte[]> chunks = new ArrayList<>();
        for (int at = 0; at < img.length; at += 4096) {
            chunks.add(java.util.Arrays.copyOfRange(img, at, Math.min(img.length, at + 4096)));
        }
        List<Wire> replies = TlsTestClient.call(certs.subClient("streamed", new UnikernelCmd.Create(empty)),
                jdk.port(), chunks);
        assertEquals(List.of(new Success.Message("created unikernel")), replies.stream().map(Wire::payload).toList());
        Wire destroyed = single(TlsProvider.JDK, certs.subClient("streamed", new UnikernelCmd.Destroy()));
        assertInstanceOf(Success.Message.class, destroyed.payload());
    }

    @Test
    void blockAddSetDumpInfoRemove() throws Exception {
        Wire added = single(TlsProvider.JDK, certs.subClient("disk", new BlockCmd.Add(2)));
        assertInstanceOf(Success.class, added.payload(), added.toString());

        byte[] content = new byte[1 << 20];
        new Random(3).nextBytes(content);
        List<byte[]> chunks = new ArrayList<>();
        for (int at = 0; at < content.length; at += 4096) {
            chunks.add(java.util.Arrays.copyOfRange(content, at, at + 4096));
        }
        List<Wire> set = TlsTestClient.call(certs.subClient("disk", new BlockCmd.Set(false)), jdk.port(), chunks);
        assertEquals(List.of(new Success.Message("set block device")), set.stream().map(Wire::payload).toList());

        List<Wire> dump = TlsTestClient.call(certs.subClient("disk", new BlockCmd.Dump(0)), jdk.port());
        assertEquals(new Success.BlockDeviceImage(false), dump.get(0).payload());
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Wire w : dump.subList(1, dump.size() - 1)) {
            ((Data.BlockData) w.payload()).chunk().orElseThrow().writeTo(data);
        }
        Wire last = dump.get(dump.size() - 1);
        assertEquals(Data.BlockData.end(), last.payload());
        assertEquals(0, last.header().sequence());
        byte[] dumped = data.toByteArray();
        assertEquals(2 << 20, dumped.length);
        assertArrayEquals(content, java.util.Arrays.copyOf(dumped, content.length));

        Wire info = single(TlsProvider.JDK, certs.subClient("disk", new BlockCmd.Info()));
        assertInstanceOf(Success.BlockDevices.class, info.payload());
        Wire removed = single(TlsProvider.JDK, certs.subClient("disk", new BlockCmd.Remove()));
        assertInstanceOf(Success.class, removed.payload(), removed.toString());
    }

    @Test
    void aCommandOfTheRootCaItselfCarriesNoPolicy() throws Exception {
        Wire info = single(TlsProvider.JDK, TenantCertificates.client(certs.leaf(".", new UnikernelCmd.Info(),
                certs.root)));
        assertInstanceOf(Success.UnikernelInfo.class, info.payload());
        assertEquals(Name.ROOT, info.header().name());
    }

    @Test
    void resumesNoSessionSoEveryCommandPresentsItsCertificate() throws Exception {
        // Albatross resumes no session. A client that would (the JDK's, by default) gets no ticket to resume with,
        // so every command's chain is asked for and judged by the trust manager at the handshake.
        AtomicInteger chainsSent = new AtomicInteger();
        SSLContext client = TlsTestClient.context(List.of(certs.leaf(".", new UnikernelCmd.Info(), certs.sub),
                certs.sub, certs.tenant), chainsSent);
        for (int i = 0; i < 3; i++) {
            try (TlsTestClient.Session s = new TlsTestClient.Session(client, jdk.port(), true)) {
                Wire info = s.readAll().get(0);
                assertInstanceOf(Success.UnikernelInfo.class, info.payload(), info.toString());
            }
        }
        assertEquals(3, chainsSent.get(), "handshakes that asked for the client's certificate");
    }

    // ---- refused: at the handshake ----------------------------------------------------------------------------

    private void alert(TlsProvider p, SSLContext ctx, String logged) throws IOException {
        assertThrows(IOException.class, () -> TlsTestClient.call(ctx, endpoint(p).port()));
        assertLogged(logged);
        stillServing(p);
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = "JDK")
    void expiredAndNotYetValidCertificatesGetAnAlert(TlsProvider p) throws Exception {
        var expired = ChainCertificates.leaf("x", new UnikernelCmd.Info(), certs.sub, certs.from,
                certs.now.minusSeconds(60));
        alert(p, TenantCertificates.client(expired, certs.sub, certs.tenant), "EXPIRED");
        var future = ChainCertificates.leaf("x", new UnikernelCmd.Info(), certs.sub, certs.now.plusSeconds(60),
                certs.to);
        alert(p, TenantCertificates.client(future, certs.sub, certs.tenant), "NOT_YET_VALID");
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = "JDK")
    void aChainFromAnotherCaGetsAnAlert(TlsProvider p) throws Exception {
        var otherRoot = ChainCertificates.root("ca", certs.from, certs.to);
        var otherTenant = ChainCertificates.policyCa("tenant", certs.tenantPolicy, otherRoot, certs.from, certs.to);
        var leaf = ChainCertificates.leaf("x", new UnikernelCmd.Info(), otherTenant, certs.from, certs.to);
        alert(p, TenantCertificates.client(leaf, otherTenant), "UNTRUSTED");
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = "JDK")
    void aChainLongerThanTenGetsAnAlert(TlsProvider p) throws Exception {
        List<ChainCertificates.Issued> cas = new ArrayList<>();
        ChainCertificates.Issued issuer = certs.tenant;
        for (int i = 0; i < 10; i++) {
            issuer = ChainCertificates.builder("level" + i).issuer(issuer).validity(certs.from, certs.to).ca()
                    .build();
            cas.add(0, issuer);
        }
        cas.add(certs.tenant);
        ChainCertificates.Issued leaf = certs.leaf("x", new UnikernelCmd.Info(), issuer);
        alert(p, TenantCertificates.client(leaf, cas.toArray(ChainCertificates.Issued[]::new)), "CHAIN_TOO_LONG");
    }

    @Test
    void aLeafThatIsACaGetsAnAlert() throws Exception {
        var caLeaf = ChainCertificates.builder("x").issuer(certs.sub).validity(certs.from, certs.to).ca()
                .extension(new UnikernelCmd.Info()).build();
        alert(TlsProvider.JDK, TenantCertificates.client(caLeaf, certs.sub, certs.tenant), "LEAF_IS_CA");
    }

    @Test
    void aClientStallingMidHandshakeIsClosedAfterTheTimeout() throws Exception {
        try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), jdk.port())) {
            raw.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01}); // half a ClientHello
            raw.getOutputStream().flush();
            CompletableFuture<Integer> stalled = CompletableFuture.supplyAsync(() -> {
                try {
                    InputStream in = raw.getInputStream();
                    int n;
                    do {
                        n = in.read();
                    } while (n >= 0);
                    return n;
                } catch (IOException e) {
                    return -2;
                }
            });
            stillServing(TlsProvider.JDK); // served while the other one stalls
            assertTrue(stalled.get(10, TimeUnit.SECONDS) < 0);
        }
        assertLogged("TLS handshake not finished within 2 s");
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAtAccept() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < LIMITS.maxConnections(); i++) {
                idle.add(new Socket(InetAddress.getLoopbackAddress(), jdk.port()));
            }
            for (int i = 0; i < 200 && jdk.openConnections() < LIMITS.maxConnections(); i++) {
                Thread.onSpinWait();
                TimeUnit.MILLISECONDS.sleep(5); // waiting for the accepts to register (the count is not an event)
            }
            assertThrows(IOException.class, () -> TlsTestClient.call(certs.subClient(".", new UnikernelCmd.Info()),
                    jdk.port()));
            assertLogged("connections open, the limit is " + LIMITS.maxConnections());
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
        for (int i = 0; i < 200 && jdk.openConnections() > 0; i++) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        stillServing(TlsProvider.JDK);
    }

    // ---- refused: after the handshake, with a Failure -------------------------------------------------------

    private void failure(SSLContext ctx, String message, String logged) throws IOException {
        Wire reply = single(TlsProvider.JDK, ctx);
        Failure f = assertInstanceOf(Failure.class, reply.payload(), reply.toString());
        assertTrue(f.message().contains(message), f.message());
        assertLogged(logged);
        stillServing(TlsProvider.JDK);
    }

    @Test
    void aSubTenantWhosePolicyExceedsItsParentsIsRefusedBeforeTheDaemonHearsOfIt() throws Exception {
        Policy greedy = new Policy(3, List.of(0), 4096, OptionalInt.of(16), List.of());
        var big = ChainCertificates.policyCa("greedy", greedy, certs.tenant, certs.from, certs.to);
        failure(TenantCertificates.client(certs.leaf("x", new UnikernelCmd.Info(), big), big, certs.tenant),
                "policy above allows 512 MB memory, which is fewer than 4096 MB", "POLICY_ESCALATION");
        Wire policies = WireClient.call(daemon.paths.vmmdSocket(), Name.parse("tenant:greedy:"), new PolicyCmd.Info());
        assertEquals(new Success.Policies(List.of()), policies.payload(), "no policy may reach the daemon");
    }

    @Test
    void aLeafWithoutOrWithAMalformedExtensionIsRefused() throws Exception {
        var bare = ChainCertificates.builder("x").issuer(certs.sub).validity(certs.from, certs.to).leaf().build();
        failure(TenantCertificates.client(bare, certs.sub, certs.tenant),
                "leaf certificate does not contain an albatross extension", "NO_COMMAND");
        var garbage = ChainCertificates.builder("x").issuer(certs.sub).validity(certs.from, certs.to).leaf()
                .raw(CertExtension.OID, false, new byte[] {0x30, 0x00}).build();
        failure(TenantCertificates.client(garbage, certs.sub, certs.tenant), "couldn't parse albatross extension",
                "BAD_EXTENSION");
    }

    @Test
    void anUnknownWireVersionIsRefused() throws Exception {
        byte[] version4 = DerNode.sequence(DerNode.integer(4), DerNode.context(3, DerNode.context(19,
                DerNode.nul()))).encode();
        var old = ChainCertificates.builder("x").issuer(certs.sub).validity(certs.from, certs.to).leaf()
                .raw(CertExtension.OID, false, version4).build();
        failure(TenantCertificates.client(old, certs.sub, certs.tenant), "unknown version number 0x4",
                "BAD_EXTENSION");
    }

    @Test
    void commandsTheTenantMayNotIssueAreRefused() throws Exception {
        for (Command c : List.<Command>of(new ConsoleCmd.Add(5), new PolicyCmd.Add(certs.subPolicy),
                new dev.albatross.protocol.wire.StatsCmd.Initial())) {
            failure(certs.subClient("x", c), "unexpected command", "UNEXPECTED_COMMAND");
        }
        var noName = ChainCertificates.builder(null).issuer(certs.sub).validity(certs.from, certs.to).leaf()
                .extension(new BlockCmd.Add(1)).build();
        failure(TenantCertificates.client(noName, certs.sub, certs.tenant), "block add may not have an empty name",
                "EMPTY_NAME");
    }

    @Test
    void anOversizedUploadIsRefused() throws Exception {
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            chunks.add(new byte[1 << 20]);
        }
        List<Wire> replies;
        try {
            replies = TlsTestClient.call(certs.subClient("big", new UnikernelCmd.Create(hanging(Bytes.EMPTY))),
                    jdk.port(), chunks);
        } catch (SSLException e) {
            replies = List.of(); // the endpoint may close while the client is still sending
        }
        replies.forEach(w -> assertTrue(((Failure) w.payload()).message().contains("exceeds the limit"), w + ""));
        assertLogged("image upload for tenant:sub:big exceeds the limit of 4194304 bytes");
        stillServing(TlsProvider.JDK);
    }

    @Test
    void aClientStallingMidUploadGetsAFailureWhileOthersAreServed() throws Exception {
        try (TlsTestClient.Session s = new TlsTestClient.Session(certs.subClient("slow",
                new UnikernelCmd.Create(hanging(Bytes.EMPTY))), jdk.port())) {
            s.sendChunk(new byte[4096]);
            stillServing(TlsProvider.JDK);
            Wire reply = s.read().orElseThrow();
            assertEquals(new Failure("upload stalled: no data for 2 s"), reply.payload());
        }
        assertLogged("client stalled, no data for 2 s during the upload for tenant:sub:slow");
    }

    @Test
    void boringSslCannotVerifyEd25519ClientCertificates() throws Exception {
        // BoringSSL leaves Ed25519 out of the signature algorithms it accepts from clients, and netty-tcnative has
        // no way to add it: a client with Albatross's default key has nothing to offer. Hence the JDK provider.
        if (openssl.provider() != TlsProvider.OPENSSL) {
            return;
        }
        assertThrows(IOException.class, () -> TlsTestClient.call(certs.subClient(".", new UnikernelCmd.Info()),
                openssl.port()));
        assertLogged("PEER_DID_NOT_RETURN_A_CERTIFICATE");
        var p256Leaf = ChainCertificates.builder(".").keys(ChainCertificates.p256()).issuer(certs.sub)
                .validity(certs.from, certs.to).leaf().extension(new UnikernelCmd.Info()).build();
        List<Wire> replies = TlsTestClient.call(TenantCertificates.client(p256Leaf, certs.sub, certs.tenant),
                openssl.port());
        assertInstanceOf(Success.UnikernelInfo.class, replies.get(0).payload());
    }

    @Test
    void aMissingDaemonSocketIsCouldntReachService() throws Exception {
        TlsEndpoint.Config elsewhere = new TlsEndpoint.Config(certs.credentials(), TlsProvider.JDK,
                dir.resolve("nowhere"), LIMITS, Clock.fixed(certs.now, ZoneOffset.UTC), 1, t -> { });
        try (TlsEndpoint lonely = TlsEndpoint.listen(elsewhere, loopback())) {
            List<Wire> replies = TlsTestClient.call(certs.subClient(".", new UnikernelCmd.Info()), lonely.port());
            assertEquals(List.of(new Failure("couldn't reach service")), replies.stream().map(Wire::payload).toList());
        }
        assertLogged("failed to connect to");
    }
}
