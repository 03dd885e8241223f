package dev.albatross.client.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.NullNode;
import com.sun.net.httpserver.HttpServer;
import dev.albatross.client.ClientRun;
import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.name.Mac;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.vectors.VectorCorpus;
import dev.albatross.protocol.wire.FailBehaviour;
import dev.albatross.protocol.wire.Header;
import dev.albatross.protocol.wire.Info;
import dev.albatross.protocol.wire.Success;
import dev.albatross.protocol.wire.Typ;
import dev.albatross.protocol.wire.UnikernelCmd;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.wire.WireCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code update} against a local builder-web stand-in (JDK HTTP server on loopback) and a daemon replaying the
 * info reply and the force-create.
 */
class UpdateCommandTest {
    @TempDir
    Path dir;

    private HttpServer http;
    private byte[] image;
    private String latest = "new-uuid";

    @BeforeEach
    void startRepository() throws Exception {
        Path net = VectorCorpus.image("net.hvt");
        assumeTrue(Files.exists(net), "needs the corpus images: " + net);
        image = Files.readAllBytes(net);
        String digest = Bytes.wrap(image.clone()).sha256().toHex();
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> {
            String uri = exchange.getRequestURI().toString();
            if (uri.equals("/hash?sha256=" + digest)) {
                exchange.getResponseHeaders().add("Location", "/job/net/build/old-uuid");
                exchange.sendResponseHeaders(302, -1);
            } else if (uri.equals("/job/net/build/latest")) {
                exchange.getResponseHeaders().add("Location", "/job/net/build/" + latest);
                exchange.sendResponseHeaders(302, -1);
            } else if (uri.equals("/job/net/build/new-uuid/main-binary")) {
                exchange.sendResponseHeaders(200, image.length);
                exchange.getResponseBody().write(image);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
            exchange.close();
        });
        http.start();
    }

    @AfterEach
    void stop() {
        if (http != null) {
            http.stop(0);
        }
    }

    private String host() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    private static VectorCorpus.Frame frame(int conn, String dir, byte[] payload) {
        return new VectorCorpus.Frame("update", 0, conn, dir, "vmmd", payload.length, payload,
                Optional.of(NullNode.getInstance()), Optional.empty(), false);
    }

    private Info info(byte[] digestOf) {
        return new Info(Typ.SOLO5, OptionalInt.of(10), FailBehaviour.Restart.onAnyExit(), List.of(1), 16,
                Bytes.wrap(digestOf.clone()).sha256(), List.of(), List.of(new Info.Bridge("service0", "albr0",
                Mac.parse("02:00:00:00:00:42"))), Optional.of(List.of("verbose")),
                Optional.of(Instant.parse("2026-11-22T23:28:22Z")), OptionalInt.of(1), Optional.empty());
    }

    @Test
    void replacesTheUnikernelByTheLatestBuildWithTheSameConfiguration() throws Exception {
        Header h = Header.of(0, Name.parse(":net"));
        byte[] infoRequest = WireCodec.encode(new Wire(h, new UnikernelCmd.Info()));
        byte[] infoReply = WireCodec.encode(new Wire(h, new Success.UnikernelInfo(List.of(
                new Success.InfoEntry(Name.parse(":net"), info(image))))));
        byte[] created = WireCodec.encode(new Wire(h, new Success.Message("created unikernel")));
        List<VectorCorpus.Frame> frames = new ArrayList<>(List.of(frame(1, "c2s", infoRequest),
                frame(1, "s2c", infoReply), frame(2, "c2s", new byte[0]), frame(2, "s2c", created)));
        Path tmp = Files.createDirectories(dir.resolve("t"));
        ClientRun r;
        List<FakeDaemon.Received> sent;
        try (FakeDaemon d = FakeDaemon.replay(tmp, frames)) {
            r = ClientRun.run(ClientRun.Setup.in(dir), "update", "net", "--http-host=" + host() + "/",
                    "--tmpdir=" + tmp);
            sent = d.received();
        }
        assertEquals("compare at " + host() + "/compare/old-uuid/new-uuid\n"
                + "host [unikernel: :net]: success: created unikernel\n", r.output(), r.toString());
        assertEquals(0, r.code());
        assertArrayEquals(infoRequest, sent.get(0).payload());
        Wire force = WireCodec.decode(sent.get(1).payload()).orElseThrow();
        var config = ((UnikernelCmd.ForceCreate) force.payload()).config();
        assertArrayEquals(image, config.image().toByteArray(), "level 0 locally: the binary as downloaded");
        assertEquals("albr0", config.bridges().get(0).hostBridge());
        assertEquals(Optional.of(Mac.parse("02:00:00:00:00:42")), config.bridges().get(0).mac());
        assertEquals(List.of("verbose"), config.argv());
        assertEquals(true, config.addName());
    }

    @Test
    void saysWhenAlreadyUpToDateOrUnknown() throws Exception {
        latest = "old-uuid";
        Header h = Header.of(0, Name.parse(":net"));
        byte[] infoRequest = WireCodec.encode(new Wire(h, new UnikernelCmd.Info()));
        byte[] infoReply = WireCodec.encode(new Wire(h, new Success.UnikernelInfo(List.of(
                new Success.InfoEntry(Name.parse(":net"), info(image))))));
        Path tmp = Files.createDirectories(dir.resolve("t"));
        try (FakeDaemon d = FakeDaemon.replay(tmp, List.of(frame(1, "c2s", infoRequest),
                frame(1, "s2c", infoReply)))) {
            ClientRun r = ClientRun.run(ClientRun.Setup.in(dir), "update", "net", "--http-host=" + host(),
                    "--tmpdir=" + tmp);
            assertEquals("already up to date\n", r.output(), r.toString());
            assertEquals(0, r.code());
            assertArrayEquals(infoRequest, d.received().get(0).payload());
        }
        byte[] otherReply = WireCodec.encode(new Wire(h, new Success.UnikernelInfo(List.of(
                new Success.InfoEntry(Name.parse(":net"), info(new byte[] {1, 2, 3}))))));
        Path tmp2 = Files.createDirectories(dir.resolve("t2"));
        try (FakeDaemon d = FakeDaemon.replay(tmp2, List.of(frame(1, "c2s", infoRequest),
                frame(1, "s2c", otherReply)))) {
            ClientRun r = ClientRun.run(ClientRun.Setup.in(dir), "update", "net", "--http-host=" + host(),
                    "--tmpdir=" + tmp2);
            assertEquals("albatross-client: [ERROR] error in HTTP interaction: couldn't find the unikernel in the "
                    + "repository\n", r.output(), r.toString());
            assertEquals(118, r.code());
            assertEquals(1, d.received().size());
        }
    }
}
