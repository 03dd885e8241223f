package dev.albatross.console;

import static dev.albatross.console.ConsolesTest.name;
import static dev.albatross.console.ConsolesTest.subscribe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.protocol.wire.Success;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionTest {
    private static final Instant T0 = ConsolesTest.T0;
    private static final long LIMIT = 3 * Consoles.MAX_RING_BYTES;

    private final MutableClock clock = new MutableClock(T0);
    private final Consoles consoles = new Consoles(ConsoleLimits.defaults().withMaxRetainedBytes(LIMIT), clock);

    private static byte[] longestLine(int i) {
        byte[] line = new byte[LineSplitter.MAX_EMITTED_LINE_BYTES];
        Arrays.fill(line, (byte) ('a' + i % 26));
        return line;
    }

    /** Prints {@code lines} of the longest kind, checking the host bound after every read. */
    private void print(String name, int lines) {
        for (int i = 0; i < lines; i++) {
            consoles.append(name(name), clock.instant(), List.of(longestLine(i)));
            assertTrue(consoles.retainedBytes() <= LIMIT, "over the host bound: " + consoles.retainedBytes());
        }
    }

    @Test
    void aConsolePrintingWithoutEndHoldsAtMostOneFullRing() {
        consoles.add(name(":endless"), 5);
        print(":endless", 5 * Consoles.HISTORY_LINES);
        assertEquals(Consoles.MAX_RING_BYTES, consoles.retainedBytes());
        assertEquals(Consoles.HISTORY_LINES, consoles.status(name(":endless")).orElseThrow().lines());
    }

    @Test
    void theHistoryOfStoppedConsolesGoesFirstLeastRecentlyStoppedFirst() {
        consoles.add(name("a:one"), 10);
        print("a:one", Consoles.HISTORY_LINES);
        consoles.add(name("a:two"), 10);
        print("a:two", Consoles.HISTORY_LINES);
        consoles.add(name("b:run"), 10);
        print("b:run", Consoles.HISTORY_LINES);
        consoles.deactivate(name("a:one"));
        consoles.deactivate(name("a:two"));
        assertEquals(LIMIT, consoles.retainedBytes());

        consoles.add(name("b:new"), 10); // its empty ring tips the host over: a:one stopped first
        assertTrue(consoles.status(name("a:one")).isEmpty());
        assertTrue(consoles.status(name("a:two")).isPresent());
        assertEquals(new Success.Consoles(List.of(name("a:two"))), consoles.listInactive(name(":")));

        print("b:new", Consoles.HISTORY_LINES); // exactly at the bound again: nothing more goes
        assertTrue(consoles.status(name("a:two")).isPresent());

        consoles.add(name("b:newer"), 10);
        assertTrue(consoles.status(name("a:two")).isEmpty(), "stopped history goes before running history");
        assertEquals(Consoles.HISTORY_LINES, consoles.status(name("b:run")).orElseThrow().lines());

        print("b:newer", Consoles.HISTORY_LINES); // three full rings: exactly the bound
        consoles.add(name("b:more"), 10);
        print("b:more", 100);
        int kept = 0;
        for (String running : List.of("b:run", "b:new", "b:newer", "b:more")) {
            ConsoleStatus s = consoles.status(name(running)).orElseThrow();
            assertTrue(s.active());
            kept += s.lines();
        }
        assertTrue(kept < 3 * Consoles.HISTORY_LINES + 100,
                "with nothing stopped left, running consoles lose their oldest lines");
        assertEquals(0, consoles.retainedBytes(name("a:").path()));
    }

    @Test
    void theBiggestPathLosesItsStoppedHistoryFirst() {
        consoles.add(name("small:x"), 10);
        print("small:x", 10);
        consoles.deactivate(name("small:x")); // stopped first, but its path holds little
        consoles.add(name("big:x"), 10);
        print("big:x", Consoles.HISTORY_LINES);
        consoles.add(name("big:y"), 10);
        print("big:y", Consoles.HISTORY_LINES);
        consoles.deactivate(name("big:x"));
        consoles.add(name("big:z"), 10);
        print("big:z", Consoles.HISTORY_LINES);
        assertTrue(consoles.status(name("big:x")).isEmpty());
        assertTrue(consoles.status(name("small:x")).isPresent());
    }

    @Test
    void aSubscriberOfAnEvictedHistoryKeepsWaitingAndSeesNoFalseGap() {
        consoles.add(name("a:one"), 10);
        print("a:one", 3);
        RecordingSink sink = RecordingSink.unbounded();
        subscribe(consoles, "a:one", 10, sink);
        consoles.deactivate(name("a:one"));
        consoles.add(name("b:x"), 10);
        print("b:x", Consoles.HISTORY_LINES);
        consoles.add(name("b:y"), 10);
        print("b:y", Consoles.HISTORY_LINES);
        consoles.add(name("b:z"), 10);
        print("b:z", Consoles.HISTORY_LINES); // over the bound: the only stopped history, a:one, goes

        ConsoleStatus waiting = consoles.status(name("a:one")).orElseThrow();
        assertFalse(waiting.hasHistory());
        assertEquals(1, waiting.subscribers());

        consoles.add(name("a:one"), 10);
        consoles.append(name("a:one"), T0, ConsolesTest.lines("back"));
        assertEquals(4, sink.lines().size());
        assertEquals("back", sink.lines().get(3));
        assertNull(sink.closedWith());
        assertEquals(4, consoles.last(name("a:one"), 1).get(0).sequence());
    }
}
