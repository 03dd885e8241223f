package dev.albatross.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.Data;
import dev.albatross.protocol.wire.Header;
import dev.albatross.protocol.wire.NetIf;
import dev.albatross.protocol.wire.StatsCmd;
import dev.albatross.protocol.wire.Success;
import dev.albatross.protocol.wire.UnikernelCmd;
import dev.albatross.protocol.wire.UnikernelConfig;
import dev.albatross.protocol.wire.Wire;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statistics on stat.sock and the Prometheus endpoint, from a running daemon. */
class StatisticsTest {
    @TempDir
    Path dir;

    @Test
    void subscribersReceiveStatisticsAndPrometheusIsScraped() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (DaemonFixture d = DaemonFixture.create(dir).metrics("127.0.0.1:" + port).start()) {
            UnikernelConfig web = UnikernelConfig.builder().image(DaemonFixture.corpusImage("net.hvt")).memoryMb(16)
                    .bridges(List.of(new NetIf("service0", Optional.of(d.bridge), Optional.empty()))).build();
            assertEquals(new Success.Message("created unikernel"), d.call("t:web", new UnikernelCmd.Create(web))
                    .payload());
            try (WireClient c = WireClient.connect(d.paths.statSocket())) {
                c.send(new Wire(Header.of(7, Name.parse("t:")), new StatsCmd.Subscribe()));
                Wire reply = c.read().orElseThrow();
                assertEquals(7, reply.header().sequence());
                assertEquals(new Success.Message("subscribed"), reply.payload());
                Wire data = c.read().orElseThrow();
                assertEquals(Name.parse(":web"), data.header().name());
                Data.Statistics stats = (Data.Statistics) data.payload();
                assertEquals(1, stats.ifdata().size());
                assertEquals("service0", stats.ifdata().get(0).bridge());
                assertTrue(stats.rusage().maxrss() > 0);
            }
            // HttpURLConnection, not java.net.http.HttpClient: the latter initialises the JDK's TLS classes, which
            // read their handshake limits once per JVM, before the TLS endpoint tests in this JVM could set them.
            HttpURLConnection scrape = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/metrics").toURL()
                    .openConnection();
            assertEquals(200, scrape.getResponseCode());
            String body;
            try (InputStream in = scrape.getInputStream()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertTrue(body.contains("albatross_commands_total"), body);
            assertTrue(body.contains("unikernel=\"t:web\""), body);
            d.call("t:web", new UnikernelCmd.Destroy());
            d.assertNothingLeft();
        }
    }
}
