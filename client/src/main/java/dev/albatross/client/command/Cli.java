package dev.albatross.client.command;

import java.util.ArrayList;
import java.util.List;

/**
 * The options and positional arguments of one subcommand, declared by code and parsed without reflection.
 *
 * <p>Why not picocli's annotations here: every command runs in a fresh JVM, and building picocli's model from
 * annotations (reflection, annotation proxies, and picocli's Java 5 class files, which class-data sharing cannot
 * archive) cost more than the rest of a local command together. The syntax is cmdliner's: {@code --opt=V},
 * {@code --opt V}, {@code -o V}, {@code -oV}, flags, repeatable options, {@code --} ending the options.
 */
final class Cli {
    /** A value the command cannot use; the message names the option or argument, as cmdliner does. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    /** Consumes one argument's text; throws {@link IllegalArgumentException} with the reason if it is invalid. */
    @FunctionalInterface
    interface Value {
        void accept(String text);
    }

    record Opt(List<String> names, String label, String help, boolean takesValue, Value value) {
    }

    record Pos(String label, String help, Value value) {
    }

    private final String name;
    private final String description;
    private final List<Opt> options = new ArrayList<>();
    private final List<Pos> positionals = new ArrayList<>();

    Cli(String name, String description) {
        this.name = name;
        this.description = description;
    }

    String name() {
        return name;
    }

    String description() {
        return description;
    }

    List<Opt> options() {
        return List.copyOf(options);
    }

    List<Pos> positionals() {
        return List.copyOf(positionals);
    }

    /** An option without a value. */
    Cli flag(String help, Runnable set, String... names) {
        options.add(new Opt(List.of(names), "", help, false, v -> set.run()));
        return this;
    }

    /** An option with a value; given again, {@code value} sees each occurrence (repeatable options). */
    Cli option(String label, String help, Value value, String... names) {
        options.add(new Opt(List.of(names), label, help, true, value));
        return this;
    }

    /** The next required positional argument. */
    Cli positional(String label, String help, Value value) {
        positionals.add(new Pos(label, help, value));
        return this;
    }

    /** Parses {@code args}; true if help was asked for instead. */
    boolean parse(List<String> args) throws UsageException {
        int position = 0;
        boolean onlyPositionals = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!onlyPositionals && a.equals("--")) {
                onlyPositionals = true;
                continue;
            }
            if (!onlyPositionals && (a.equals("--help") || a.equals("-h"))) {
                return true;
            }
            if (!onlyPositionals && a.startsWith("-") && a.length() > 1) {
                i = option(args, i);
                continue;
            }
            if (position >= positionals.size()) {
                throw new UsageException("too many arguments, don't know what to do with '" + a + "'");
            }
            Pos p = positionals.get(position++);
            apply(p.value(), a, p.label() + " argument");
        }
        if (position < positionals.size()) {
            throw new UsageException("required argument " + positionals.get(position).label() + " is missing");
        }
        return false;
    }

    /** Handles the option at {@code args[i]}; returns the index of the last argument it used. */
    private int option(List<String> args, int i) throws UsageException {
        String a = args.get(i);
        String key = a;
        String inline = null;
        if (a.startsWith("--")) {
            int eq = a.indexOf('=');
            if (eq > 0) {
                key = a.substring(0, eq);
                inline = a.substring(eq + 1);
            }
        } else if (a.length() > 2) {
            key = a.substring(0, 2);
            inline = a.substring(2);
        }
        Opt opt = find(key);
        if (opt == null) {
            throw new UsageException("unknown option '" + key + "'");
        }
        String what = "option '" + key + "'";
        if (!opt.takesValue()) {
            if (inline != null && !a.startsWith("--")) {
                // A cluster of short flags, e.g. -vv.
                for (char c : inline.toCharArray()) {
                    Opt next = find("-" + c);
                    if (next == null || next.takesValue()) {
                        throw new UsageException("unknown option '-" + c + "'");
                    }
                    next.value().accept("");
                }
            } else if (inline != null) {
                throw new UsageException(what + ": does not take a value");
            }
            opt.value().accept("");
            return i;
        }
        if (inline != null) {
            apply(opt.value(), inline, what);
            return i;
        }
        if (i + 1 >= args.size()) {
            throw new UsageException(what + " needs an argument");
        }
        apply(opt.value(), args.get(i + 1), what);
        return i + 1;
    }

    private Opt find(String key) {
        for (Opt o : options) {
            if (o.names().contains(key)) {
                return o;
            }
        }
        return null;
    }

    private static void apply(Value value, String text, String what) throws UsageException {
        try {
            value.accept(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(what + ": " + e.getMessage());
        }
    }

    /** A help text: synopsis, description, arguments and options. */
    String help() {
        StringBuilder s = new StringBuilder("Usage: albatross-client ").append(name).append(" [OPTIONS]");
        for (Pos p : positionals) {
            s.append(' ').append(p.label());
        }
        s.append("\n").append(description).append("\n");
        if (!positionals.isEmpty()) {
            s.append("\nArguments:\n");
            for (Pos p : positionals) {
                line(s, p.label(), p.help());
            }
        }
        s.append("\nOptions:\n");
        for (Opt o : options) {
            line(s, String.join(", ", o.names()) + (o.takesValue() ? "=" + o.label() : ""), o.help());
        }
        line(s, "-h, --help", "Show this help and exit.");
        return s.append("\nExit status: 0 success, 116 own chain not valid, 117 the command failed, 118 HTTP error, "
                + "119 server refused our certificate, 120 server certificate not valid, 121 communication "
                + "failure, 122 connect failure, 124 command-line error, 125 internal error.\n").toString();
    }

    private static void line(StringBuilder s, String left, String help) {
        s.append("  ").append(left);
        if (left.length() < 30) {
            s.append(" ".repeat(30 - left.length()));
        } else {
            s.append("\n").append(" ".repeat(32));
        }
        s.append(help).append("\n");
    }

    /** Parses an integer argument. */
    static int integer(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value '" + text + "', expected an integer");
        }
    }
}
