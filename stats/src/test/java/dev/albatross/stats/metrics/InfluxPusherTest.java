package dev.albatross.stats.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.albatross.protocol.name.Name;
import dev.albatross.stats.Round;
import dev.albatross.stats.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pusher against a real TCP server on loopback. */
class InfluxPusherTest {
    private ServerSocket server;
    private InfluxPusher pusher;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        server.setSoTimeout(10_000);
    }

    @AfterEach
    void close() throws IOException {
        if (pusher != null) {
            pusher.close();
        }
        server.close();
    }

    private InfluxConfig config(int port) {
        return InfluxConfig.of("127.0.0.1:" + port).withBackoff(Duration.ofMillis(5), Duration.ofMillis(50));
    }

    private static Round round(String... names) {
        List<Sample> samples = java.util.Arrays.stream(names)
                .map(n -> new Sample(Name.parse(n), InfluxLinesTest.vectorStatistics())).toList();
        return new Round(InfluxLinesTest.FIVE_SECONDS_LATER, samples, Duration.ZERO);
    }

    private static String read(Socket s, int bytes) throws IOException {
        s.setSoTimeout(10_000);
        InputStream in = s.getInputStream();
        return new String(in.readNBytes(bytes), StandardCharsets.UTF_8);
    }

    @Test
    void theServerReceivesAlbatrossInfluxLinesByteForByte() throws IOException {
        pusher = InfluxPusher.start(config(server.getLocalPort()));
        pusher.roundCollected(round(":hello", "tenant:hello"));
        try (Socket s = server.accept()) {
            assertEquals(InfluxLinesTest.VECTOR_LINES + InfluxLinesTest.VECTOR_LINES,
                    read(s, 2 * InfluxLinesTest.VECTOR_LINES.length()));
        }
    }

    @Test
    void aNameLimitsAndRelativisesAsAlbatrossInfluxN() throws IOException {
        pusher = InfluxPusher.start(config(server.getLocalPort()).withName(Name.parse("tenant:"), true));
        pusher.roundCollected(round("other:hello", "tenant:hello", "tenant:sub:hello"));
        try (Socket s = server.accept()) {
            String one = InfluxLinesTest.VECTOR_LINES.replace("vm=hello", "vm=:hello");
            String two = InfluxLinesTest.VECTOR_LINES.replace("vm=hello", "vm=sub:hello");
            assertEquals(one + two, read(s, one.length() + two.length()));
        }
    }

    @Test
    void reconnectsAfterTheServerClosedTheConnection() throws Exception {
        pusher = InfluxPusher.start(config(server.getLocalPort()));
        String batch = InfluxLinesTest.VECTOR_LINES;
        pusher.roundCollected(round(":hello"));
        try (Socket first = server.accept()) {
            assertEquals(batch, read(first, batch.length()));
        }
        CompletableFuture<Socket> second = CompletableFuture.supplyAsync(() -> {
            try {
                return server.accept();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        // The first writes after the close may still succeed (the peer's reset comes later): keep feeding rounds.
        for (int i = 0; i < 500; i++) {
            pusher.roundCollected(round(":hello"));
            try (Socket s = second.get(20, TimeUnit.MILLISECONDS)) {
                assertEquals(batch, read(s, batch.length()));
                return;
            } catch (TimeoutException e) {
                continue; // not reconnected yet
            }
        }
        fail("the pusher did not reconnect");
    }

    @Test
    void anUnreachableTargetKeepsOnlyTheNewestRoundsAndNeverBlocks() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        pusher = InfluxPusher.start(config(port).withQueueRounds(3));
        for (int i = 0; i < 10; i++) {
            pusher.roundCollected(round(":hello"));
        }
        assertEquals(7, pusher.droppedRounds());
        assertEquals(0, pusher.writtenRounds());
        pusher.close();
        pusher.roundCollected(round(":hello"));
        assertEquals(7, pusher.droppedRounds());
    }

    @Test
    void emptyRoundsSendNothing() throws IOException {
        pusher = InfluxPusher.start(config(server.getLocalPort()));
        pusher.roundCollected(round());
        pusher.roundCollected(round(":hello"));
        try (Socket s = server.accept()) {
            assertEquals(InfluxLinesTest.VECTOR_LINES, read(s, InfluxLinesTest.VECTOR_LINES.length()));
            assertFalse(s.getInputStream().available() > 0);
        }
    }

    @Test
    void parsesHostAndPortAsTheCommandLines() {
        assertEquals(new HostPort("influx.example", 8094), InfluxConfig.of("influx.example").target());
        assertEquals(new HostPort("10.0.0.1", 9000), InfluxConfig.of("10.0.0.1:9000").target());
        assertEquals(new HostPort("::1", 8094), InfluxConfig.of("::1").target());
        assertEquals(new HostPort("::1", 9100), HostPort.parse("[::1]:9100", OptionalInt.empty()));
        assertEquals(new HostPort("0.0.0.0", 9100), HostPort.parse("0.0.0.0:9100", OptionalInt.empty()));
        for (String bad : new String[] {"host", "[::1", "[::1]x", "h:port", "h:70000", ":80"}) {
            try {
                HostPort.parse(bad, OptionalInt.empty());
                fail("accepted " + bad);
            } catch (IllegalArgumentException expected) {
                continue; // refused, as it should be
            }
        }
    }
}
