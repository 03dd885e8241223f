package dev.albatross.daemon;

import ch.qos.logback.classic.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * Albatross's logging options (OCaml {@code Logs_cli}) other than {@code -q}, shared by albatrossd and the TLS
 * endpoint as a picocli mixin. Each program declares {@code -q} itself: it means "only errors" for the daemon and
 * "no output" for the endpoint.
 */
final class LogOptions {
    @Option(names = {"-v", "--verbose"}, description = "More output (repeat for debug).")
    boolean[] verbose = new boolean[0];

    @Option(names = "--verbosity", paramLabel = "LEVEL", description = "quiet, error, warning, info or debug.")
    String verbosity;

    @Option(names = "--color", paramLabel = "WHEN", description = "Accepted for compatibility.")
    String color;

    @Option(names = "--syslog", description = "Accepted for compatibility; logs go to standard error.")
    boolean syslog;

    /** {@code --verbosity} wins; else {@code quietLevel} when quiet; else warnings, info with -v, debug with -vv. */
    Level level(boolean quiet, Level quietLevel) {
        if (verbosity != null) {
            return switch (verbosity) {
                case "quiet" -> Level.OFF;
                case "error" -> Level.ERROR;
                case "info", "app" -> Level.INFO;
                case "debug" -> Level.DEBUG;
                default -> Level.WARN;
            };
        }
        if (quiet) {
            return quietLevel;
        }
        return verbose.length == 0 ? Level.WARN : verbose.length == 1 ? Level.INFO : Level.DEBUG;
    }

    /** Sets the root logger to {@code level}. */
    static void apply(Level level) {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(level);
    }
}
