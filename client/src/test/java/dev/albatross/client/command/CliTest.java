package dev.albatross.client.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The subcommands' argument syntax: cmdliner's option forms, repeated options, positionals, errors. */
class CliTest {
    private final List<String> seen = new ArrayList<>();
    private int verbose;

    private Cli cli() {
        return new Cli("t", "test").flag("verbose", () -> verbose++, "-v", "--verbose")
                .option("N", "mem", v -> seen.add("mem=" + Cli.integer(v)), "--mem")
                .option("NAME", "name", v -> seen.add("name=" + v), "-n", "--name")
                .positional("A", "first", v -> seen.add("a=" + v));
    }

    @Test
    void readsEveryOptionForm() throws Exception {
        assertEquals(false, cli().parse(List.of("--mem=16", "x", "--mem", "32", "-n", "foo", "-nbar", "-vv",
                "--verbose")));
        assertEquals(List.of("mem=16", "a=x", "mem=32", "name=foo", "name=bar"), seen);
        assertEquals(3, verbose);
    }

    @Test
    void takesEverythingAfterDoubleDashAsArguments() throws Exception {
        cli().parse(List.of("--", "-weird"));
        assertEquals(List.of("a=-weird"), seen);
    }

    @Test
    void asksForHelp() throws Exception {
        assertTrue(cli().parse(List.of("--help")));
        assertTrue(cli().help().startsWith("Usage: albatross-client t [OPTIONS] A\n"));
    }

    @Test
    void namesWhatIsWrong() {
        assertEquals("unknown option '--bogus'",
                assertThrows(Cli.UsageException.class, () -> cli().parse(List.of("--bogus", "x"))).getMessage());
        assertEquals("required argument A is missing",
                assertThrows(Cli.UsageException.class, () -> cli().parse(List.of())).getMessage());
        assertEquals("option '--mem': invalid value 'x', expected an integer",
                assertThrows(Cli.UsageException.class, () -> cli().parse(List.of("--mem=x", "a"))).getMessage());
        assertEquals("option '--mem' needs an argument",
                assertThrows(Cli.UsageException.class, () -> cli().parse(List.of("a", "--mem"))).getMessage());
        assertEquals("too many arguments, don't know what to do with 'b'",
                assertThrows(Cli.UsageException.class, () -> cli().parse(List.of("a", "b"))).getMessage());
        assertEquals("option '--verbose': does not take a value",
                assertThrows(Cli.UsageException.class, () -> cli().parse(List.of("--verbose=1", "a"))).getMessage());
    }
}
