package dev.albatross.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The top-level command: help, version, and Albatross's exit statuses for usage errors. */
class AlbatrossClientTest {

    @Test
    void printsHelpWithoutASubcommand() {
        CliRun run = CliRun.run();
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().startsWith("Usage: albatross-client [-hV] COMMAND"), run.toString());
        assertTrue(run.out().contains("inspect-wire"), run.toString());
    }

    @Test
    void printsTheVersion() {
        CliRun run = CliRun.run("--version");
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().startsWith("albatross-client "), run.toString());
    }

    @Test
    void printsHelpOfASubcommand() {
        CliRun run = CliRun.run("inspect-wire", "--help");
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().contains("--format=FORMAT"), run.toString());
        assertTrue(run.out().contains("124"), "the help lists the exit statuses\n" + run);
    }

    @Test
    void answersUnknownCommandsAndOptionsWith124AndAHint() {
        for (List<String> args : List.of(List.of("bogus"), List.of("--bogus"), List.of("inspect-wire", "--bogus"))) {
            CliRun run = CliRun.run(args.toArray(new String[0]));
            assertEquals(ExitCode.CLI_ERROR.code(), run.code(), run.toString());
            assertEquals("", run.out(), run.toString());
            String[] lines = run.err().split("\n");
            assertEquals(2, lines.length, run.toString());
            assertTrue(lines[0].startsWith("albatross-client: "), run.toString());
            assertTrue(lines[1].startsWith("Try 'albatross-client"), run.toString());
            assertFalse(run.err().contains("\tat "), run.toString());
        }
    }

    @Test
    void keepsErrorLinesOnOneLine() {
        assertEquals("albatross-client: a\\x0ab\\x1b[0m\\xff", ErrorLine.of("a\nb\u001b[0m\udcff"));
    }
}
