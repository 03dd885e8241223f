/**
 * Exporting statistics: per-unikernel Micrometer meters ({@link dev.albatross.stats.metrics.UnikernelMeters}), the
 * daemon's own meters ({@link dev.albatross.stats.metrics.DaemonMetrics}), the Prometheus scrape endpoint
 * ({@link dev.albatross.stats.metrics.PrometheusEndpoint}, JDK {@code jdk.httpserver}) and the Influx line-protocol
 * pusher equivalent to {@code albatross-influx} (spec §9.2; {@link dev.albatross.stats.metrics.InfluxPusher}).
 *
 * <p>The {@code MeterRegistry} is always passed in, never global. No JNA, no Netty. {@code InfluxLines} is pure.
 */
package dev.albatross.stats.metrics;
