package dev.albatross.client.output;

import dev.albatross.protocol.der.RawText;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * Albatross's log reporter ({@code Logs_fmt.reporter ~dst:Format.std_formatter}): every message, results and
 * warnings alike, goes to standard output as {@code <header>@[<message>@]@.}. Results ("app" level) have no
 * header; the others are prefixed {@code albatross-client: [WARNING] } and so on. Standard error only ever
 * carries command-line errors, as with cmdliner.
 *
 * <p>The level is {@code --verbosity} (default warning): {@code -q} silences everything, results included,
 * as in Albatross.
 */
public final class Log {
    /** Logs' levels, least verbose first. */
    public enum Level {
        APP(""), ERROR("ERROR"), WARNING("WARNING"), INFO("INFO"), DEBUG("DEBUG");

        private final String label;

        Level(String label) {
            this.label = label;
        }
    }

    private final OutputStream out;
    private final Level threshold;
    private final boolean quiet;
    private final String program;
    private final PrettyPrinter printer;

    /**
     * @param threshold the most verbose level printed
     * @param quiet print nothing at all ({@code -q}, {@code --verbosity=quiet})
     */
    public Log(OutputStream out, Level threshold, boolean quiet, String program) {
        this.out = out;
        this.threshold = threshold;
        this.quiet = quiet;
        this.program = program;
        this.printer = new PrettyPrinter(this::write);
    }

    /** Whether messages of {@code level} are printed. */
    public boolean enabled(Level level) {
        return !quiet && level.ordinal() <= threshold.ordinal();
    }

    /** Whether debug output is on: Albatross then also shows argv in replies. */
    public boolean verbose() {
        return enabled(Level.DEBUG);
    }

    public void app(Consumer<PrettyPrinter> message) {
        report(Level.APP, message);
    }

    public void error(Consumer<PrettyPrinter> message) {
        report(Level.ERROR, message);
    }

    public void warn(Consumer<PrettyPrinter> message) {
        report(Level.WARNING, message);
    }

    public void info(Consumer<PrettyPrinter> message) {
        report(Level.INFO, message);
    }

    public void debug(Consumer<PrettyPrinter> message) {
        report(Level.DEBUG, message);
    }

    public void app(String text) {
        app(p -> p.text(text));
    }

    public void error(String text) {
        error(p -> p.text(text));
    }

    public void warn(String text) {
        warn(p -> p.text(text));
    }

    public void info(String text) {
        info(p -> p.text(text));
    }

    public void debug(String text) {
        debug(p -> p.text(text));
    }

    private void report(Level level, Consumer<PrettyPrinter> message) {
        if (!enabled(level)) {
            return;
        }
        if (level != Level.APP) {
            printer.text(program + ": [" + level.label + "] ");
        }
        printer.openBox();
        message.accept(printer);
        printer.closeBox();
        printer.newline();
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to standard output", e);
        }
    }

    private void write(String s) {
        try {
            out.write(RawText.encode(s));
        } catch (IOException e) {
            throw new UncheckedIOException("writing to standard output", e);
        }
    }
}
