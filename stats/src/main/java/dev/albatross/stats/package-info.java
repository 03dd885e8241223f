/**
 * Unikernel statistics (spec §9): the registry of tenders and subscribers ({@code StatsTable}, a pure value), the
 * round that reads them ({@code Gatherer}, {@code StatisticsMapping}), and the entry point the daemon calls,
 * {@link dev.albatross.stats.StatsService}. Reading the kernel lives in {@code stats.procfs} and
 * {@code stats.netlink}; exporting (Prometheus, Influx, the daemon's own metrics) in {@code stats.metrics}.
 *
 * <p>Must not import Netty (the daemon serves {@code stat.sock}) nor {@code com.sun.jna} (only
 * {@code stats.netlink} may); {@code StatsPackageRulesTest} checks it.
 */
package dev.albatross.stats;
