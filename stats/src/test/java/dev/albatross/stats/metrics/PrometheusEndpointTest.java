package dev.albatross.stats.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.Data;
import dev.albatross.protocol.wire.IfData;
import dev.albatross.protocol.wire.StatsCmd;
import dev.albatross.protocol.wire.Success;
import dev.albatross.stats.Round;
import dev.albatross.stats.StatsConfig;
import dev.albatross.stats.StatsService;
import dev.albatross.stats.procfs.AuxVector;
import dev.albatross.stats.procfs.IdleProcess;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real round of a real process, scraped over HTTP from the endpoint. */
class PrometheusEndpointTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private long pageSize;
    private IdleProcess tender;
    private StatsService stats;
    private PrometheusEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        pageSize = AuxVector.self().pageSizeBytes();
        tender = IdleProcess.start();
        stats = StatsService.start(StatsConfig.DEFAULTS, Clock.systemUTC(),
                List.of(new UnikernelMeters(registry, pageSize)));
        endpoint = PrometheusEndpoint.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), registry);
    }

    @AfterEach
    void stop() {
        endpoint.close();
        stats.close();
        tender.close();
        registry.close();
    }

    @Test
    void servesOneSeriesPerUnikernelTaggedWithNameAndPath() throws Exception {
        assertEquals(new Success.Message("added"), stats.add(Name.parse("tenant:web"), tender.pid(),
                List.of(new StatsCmd.Interface("service", "lo"))).get(10, TimeUnit.SECONDS));
        Round round = stats.collectNow().get(10, TimeUnit.SECONDS);
        Data.Statistics s = round.samples().get(0).statistics();

        HttpResponse<String> r = get("/metrics");
        assertEquals(200, r.statusCode());
        assertEquals(PrometheusEndpoint.CONTENT_TYPE, r.headers().firstValue("Content-Type").orElseThrow());
        Map<String, Double> series = parse(r.body());
        String tags = "path=\"tenant:\",unikernel=\"tenant:web\"";
        assertEquals(s.kinfoMem().orElseThrow().rss() * pageSize,
                series.get("albatross_unikernel_memory_rss_bytes{" + tags + "}"));
        assertEquals(s.kinfoMem().orElseThrow().vsize(),
                series.get("albatross_unikernel_memory_virtual_bytes{" + tags + "}"));
        assertEquals(s.rusage().minflt(), series.get("albatross_unikernel_page_faults_total{kind=\"minor\"," + tags
                + "}"));
        assertEquals(s.rusage().nvcsw(), series.get("albatross_unikernel_context_switches_total{kind=\"voluntary\","
                + tags + "}"));
        double user = s.rusage().utime().seconds() + s.rusage().utime().microseconds() / 1e6;
        assertEquals(user, series.get("albatross_unikernel_cpu_seconds_total{mode=\"user\"," + tags + "}"));
        IfData lo = s.ifdata().get(0);
        assertEquals(lo.inputBytes(), series.get("albatross_unikernel_network_bytes_total{direction=\"vm_to_host\","
                + "netif=\"service\"," + tags + "}"));
        assertEquals(lo.outputPackets(), series.get("albatross_unikernel_network_packets_total{"
                + "direction=\"host_to_vm\",netif=\"service\"," + tags + "}"));
        assertEquals(1.0, series.get("albatross_stats_unikernels"));
        assertEquals(1.0, series.get("albatross_stats_round_seconds_count"));
    }

    @Test
    void aRemovedUnikernelsSeriesGoAfterTheNextRound() throws Exception {
        stats.add(Name.parse(":web"), tender.pid(), List.of()).get(10, TimeUnit.SECONDS);
        stats.collectNow().get(10, TimeUnit.SECONDS);
        assertTrue(get("/metrics").body().contains("unikernel=\":web\""));
        stats.remove(Name.parse(":web")).get(10, TimeUnit.SECONDS);
        stats.collectNow().get(10, TimeUnit.SECONDS);
        assertFalse(get("/metrics").body().contains("unikernel=\":web\""));
    }

    @Test
    void answersOnlyGetAndHeadOnMetrics() throws Exception {
        assertEquals(404, get("/other").statusCode());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        HttpResponse<String> head = http.send(HttpRequest.newBuilder(uri("/metrics"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, head.statusCode());
    }

    private URI uri(String path) {
        InetSocketAddress a = endpoint.address();
        return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The text format's samples: {@code name{labels} value}, comments skipped. */
    static Map<String, Double> parse(String body) {
        Map<String, Double> out = new HashMap<>();
        for (String line : body.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return out;
    }
}
