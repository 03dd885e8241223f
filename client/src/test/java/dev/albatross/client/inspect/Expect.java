package dev.albatross.client.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.client.CliRun;
import java.util.regex.Pattern;

/** What every run of inspect-wire must look like, whatever its input. */
final class Expect {
    private static final Pattern DECODE_ERROR =
            Pattern.compile("albatross-client: [a-z]+: offset \\d+, \\S.*?: \\S.*\n");

    private Expect() {
    }

    /** Exit 0, a first line naming the format, nothing on stderr. */
    static void shown(CliRun run, String formatLine, String what) {
        assertEquals(0, run.code(), () -> what + "\n" + run);
        assertEquals("", run.err(), () -> what + "\n" + run);
        assertEquals(formatLine, run.outLines().get(0), () -> what + "\n" + run);
    }

    /** Exit 124, nothing on stdout, one error line naming the format, the offset and the field. */
    static void malformed(CliRun run, String format, String what) {
        assertEquals(124, run.code(), () -> what + "\n" + run);
        assertEquals("", run.out(), () -> what + "\n" + run);
        assertTrue(DECODE_ERROR.matcher(run.err()).matches(), () -> what + ": not one decode error line\n" + run);
        assertTrue(run.err().startsWith("albatross-client: " + format + ": "), () -> what + "\n" + run);
        noStackTrace(run, what);
    }

    /** Exit 124, nothing on stdout, exactly one line on stderr. */
    static void oneErrorLine(CliRun run, String what) {
        assertEquals(124, run.code(), () -> what + "\n" + run);
        assertEquals("", run.out(), () -> what + "\n" + run);
        assertTrue(run.err().startsWith("albatross-client: ") && run.err().endsWith("\n")
                && run.err().indexOf('\n') == run.err().length() - 1, () -> what + ": not one line\n" + run);
        noStackTrace(run, what);
    }

    static void noStackTrace(CliRun run, String what) {
        assertFalse(run.err().contains("\tat ") || run.err().contains("Exception:"), () -> what + "\n" + run);
    }
}
