package dev.albatross.client;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;

/** One in-process run of {@code albatross-client}, with its exit status and captured output. */
public record CliRun(int code, String out, String err) {

    /** Runs the command line {@code args} with {@code stdin} as standard input. */
    public static CliRun run(byte[] stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AlbatrossClient.run(args, new ByteArrayInputStream(stdin), new PrintWriter(out),
                new PrintWriter(err));
        return new CliRun(code, out.toString(), err.toString());
    }

    public static CliRun run(String... args) {
        return run(new byte[0], args);
    }

    /** The lines of standard output; every line, the last included, ends with a newline. */
    public List<String> outLines() {
        if (out.isEmpty()) {
            return List.of();
        }
        if (!out.endsWith("\n")) {
            throw new AssertionError("output does not end with a newline: " + out);
        }
        String[] lines = out.split("\n", -1);
        return Arrays.asList(lines).subList(0, lines.length - 1);
    }

    public String lastLine() {
        List<String> lines = outLines();
        if (lines.isEmpty()) {
            throw new AssertionError("no output; stderr: " + err);
        }
        return lines.get(lines.size() - 1);
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- stdout\n" + abbreviate(out) + "--- stderr\n" + err;
    }

    private static String abbreviate(String s) {
        return s.length() > 4000 ? s.substring(0, 4000) + "...\n" : s;
    }
}
