package dev.albatross.stats.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.albatross.protocol.wire.BlockCmd;
import dev.albatross.protocol.wire.Failure;
import dev.albatross.protocol.wire.PolicyCmd;
import dev.albatross.protocol.wire.StatsCmd;
import dev.albatross.protocol.wire.Success;
import dev.albatross.protocol.wire.UnikernelCmd;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DaemonMetricsTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DaemonMetrics metrics = new DaemonMetrics(registry);

    @Test
    void countsCommandsByKindAndResult() {
        metrics.commandHandled(new UnikernelCmd.Destroy(), new Success.Message("destroyed"));
        metrics.commandHandled(new UnikernelCmd.Destroy(), new Failure("not found"));
        metrics.commandHandled(new UnikernelCmd.Destroy(), DaemonMetrics.Result.FAILURE);
        metrics.commandHandled(new PolicyCmd.Info(), new Success.Empty());
        metrics.commandHandled(new StatsCmd.Subscribe(), new Success.Message("subscribed"));
        metrics.commandHandled(new BlockCmd.Info(), new Success.Empty());
        Map<String, Double> s = PrometheusEndpointTest.parse(registry.scrape());
        assertEquals(1.0, s.get("albatross_commands_total{kind=\"unikernel_destroy\",result=\"success\"}"));
        assertEquals(2.0, s.get("albatross_commands_total{kind=\"unikernel_destroy\",result=\"failure\"}"));
        assertEquals(1.0, s.get("albatross_commands_total{kind=\"policy_info\",result=\"success\"}"));
        assertEquals(1.0, s.get("albatross_commands_total{kind=\"stats_subscribe\",result=\"success\"}"));
        assertEquals(1.0, s.get("albatross_commands_total{kind=\"block_info\",result=\"success\"}"));
    }

    @Test
    void recordsCreateLatencyLiveUnikernelsAndConsoleDrops() {
        metrics.unikernelCreated(Duration.ofMillis(250));
        metrics.unikernelCreated(Duration.ofMillis(750));
        metrics.liveUnikernels(3);
        metrics.liveUnikernels(2);
        metrics.consoleLinesDropped(5);
        metrics.consoleLinesDropped(2);
        Map<String, Double> s = PrometheusEndpointTest.parse(registry.scrape());
        assertEquals(2.0, s.get("albatross_unikernel_create_seconds_count"));
        assertEquals(1.0, s.get("albatross_unikernel_create_seconds_sum"));
        assertEquals(2.0, s.get("albatross_unikernels_live"));
        assertEquals(7.0, s.get("albatross_console_dropped_lines_total"));
    }
}
