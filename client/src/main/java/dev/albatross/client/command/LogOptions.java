package dev.albatross.client.command;

import dev.albatross.client.CliError;
import dev.albatross.client.ErrorLine;
import dev.albatross.client.output.Log;
import java.io.OutputStream;
import java.util.Locale;

/**
 * Albatross's logging options ({@code Logs_cli} and {@code Fmt_cli}): {@code -v} (info), {@code -vv} (debug,
 * which also shows unikernel arguments), {@code -q}, {@code --verbosity=LEVEL}, {@code --color=WHEN}.
 */
final class LogOptions {
    int verbose;
    boolean quiet;
    String verbosity;

    void declare(Cli cli) {
        cli.flag("Increase verbosity (repeatable: info, then debug).", () -> verbose++, "-v", "--verbose")
                .flag("Be quiet: print nothing, results included.", () -> quiet = true, "-q", "--quiet")
                .option("LEVEL", "quiet, error, warning (default), info or debug; overrides -v.",
                        v -> verbosity = v, "--verbosity")
                .option("WHEN", "auto, always or never. Accepted for compatibility; output is never colored.",
                        v -> { }, "--color");
    }

    /** The reporter these options ask for, writing to {@code out}. */
    Log log(OutputStream out) {
        if (quiet) {
            return new Log(out, Log.Level.APP, true, ErrorLine.PROGRAM);
        }
        Log.Level level;
        if (verbosity != null) {
            String v = verbosity.toLowerCase(Locale.ROOT);
            if (v.equals("quiet")) {
                return new Log(out, Log.Level.APP, true, ErrorLine.PROGRAM);
            }
            level = switch (v) {
                case "error" -> Log.Level.ERROR;
                case "warning" -> Log.Level.WARNING;
                case "info" -> Log.Level.INFO;
                case "debug" -> Log.Level.DEBUG;
                default -> throw new CliError("option '--verbosity': invalid value '" + verbosity
                        + "', expected one of 'quiet', 'error', 'warning', 'info' or 'debug'");
            };
        } else {
            level = verbose == 0 ? Log.Level.WARNING : verbose == 1 ? Log.Level.INFO : Log.Level.DEBUG;
        }
        return new Log(out, level, false, ErrorLine.PROGRAM);
    }
}
