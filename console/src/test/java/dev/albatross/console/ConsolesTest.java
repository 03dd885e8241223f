package dev.albatross.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.ConsoleCmd;
import dev.albatross.protocol.wire.Failure;
import dev.albatross.protocol.wire.Header;
import dev.albatross.protocol.wire.Success;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsolesTest {
    static final Instant T0 = Instant.parse("2026-11-22T23:28:04.089Z");

    private final MutableClock clock = new MutableClock(T0);
    private final Consoles consoles = new Consoles(ConsoleLimits.defaults(), clock);

    static Name name(String text) {
        return Name.parse(text);
    }

    static List<byte[]> lines(String... texts) {
        return Arrays.stream(texts).map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }

    static Subscription subscribe(Consoles consoles, String name, long count, ConsoleSink sink) {
        return consoles.subscribe(Header.of(0, name(name)), new ConsoleCmd.SubscribeCount(count), sink);
    }

    private void started(String name, long n, String... printed) {
        assertEquals(new Success.Empty(), consoles.add(name(name), n));
        consoles.append(name(name), clock.instant(), lines(printed));
    }

    @Test
    void addWithAPathIsRefused() {
        assertEquals(new Failure("path used instead of name"), consoles.add(name("foo:"), 5));
        assertEquals(0, consoles.retainedBytes());
    }

    @Test
    void aNewConsoleIsActiveWithAnEmptyRing() {
        assertEquals(new Success.Empty(), consoles.add(name(":hello"), 5));
        ConsoleStatus s = consoles.status(name(":hello")).orElseThrow();
        assertTrue(s.active());
        assertTrue(s.hasHistory());
        assertEquals(0, s.lines());
        assertEquals(RingBuffer.fixedBytes(RingBuffer.INITIAL_SLOTS), consoles.retainedBytes());
    }

    @Test
    void historySurvivesARestartAndSequenceNumbersGoOn() {
        started(":hello", 5, "first run");
        consoles.deactivate(name(":hello"));
        assertFalse(consoles.status(name(":hello")).orElseThrow().active());
        started(":hello", 5, "second run");
        List<ConsoleLine> all = consoles.last(name(":hello"), 10);
        assertEquals(List.of("first run", "second run"), all.stream().map(ConsoleLine::text).toList());
        assertEquals(List.of(1L, 2L), all.stream().map(ConsoleLine::sequence).toList());
        assertEquals(List.of(all.get(1)), consoles.from(name(":hello"), 2));
    }

    @Test
    void aPathOverItsLimitDropsItsInactiveConsoleWithTheSmallestLabel() {
        started("foo:c", 2, "c");
        started("foo:a", 2, "a");
        started("foo:b", 2, "b");
        consoles.deactivate(name("foo:b"));
        consoles.deactivate(name("foo:a"));
        RecordingSink onA = RecordingSink.unbounded();
        subscribe(consoles, "foo:a", 0, onA);

        started("foo:d", 2, "d"); // four consoles, two allowed (plus one): one inactive goes

        assertTrue(consoles.status(name("foo:a")).isEmpty());
        assertEquals(ConsoleSink.CloseReason.CONSOLE_DROPPED, onA.closedWith());
        assertTrue(consoles.status(name("foo:b")).isPresent());
        assertEquals(3 * RingBuffer.fixedBytes(RingBuffer.INITIAL_SLOTS) + 3 * RingBuffer.lineBytes(1),
                consoles.retainedBytes(name("foo:").path()));
    }

    @Test
    void activeConsolesAreNeverDropped() {
        started("foo:a", 0, "a"); // no policy: n = 0
        started("foo:b", 0, "b");
        assertTrue(consoles.status(name("foo:a")).isPresent());
        assertTrue(consoles.status(name("foo:b")).isPresent());
    }

    @Test
    void subscribingToAnUnknownConsoleWaitsForItsUnikernel() {
        RecordingSink sink = RecordingSink.unbounded();
        subscribe(consoles, ":nosuchvm", 3, sink);
        assertEquals("waiting for VM", sink.replyText());
        ConsoleStatus s = consoles.status(name(":nosuchvm")).orElseThrow();
        assertFalse(s.active());
        assertFalse(s.hasHistory());
        assertEquals(new Success.Consoles(List.of()), consoles.listInactive(name(":")));

        started(":nosuchvm", 5, "booted");
        assertEquals(List.of("booted"), sink.lines());
        assertNull(sink.closedWith());
    }

    @Test
    void subscribingWithAPathIsRefusedAndClosed() {
        RecordingSink sink = RecordingSink.unbounded();
        Subscription s = subscribe(consoles, "foo:", 3, sink);
        assertEquals(List.of(new Failure("path used instead of name")), sink.payloads());
        assertEquals(ConsoleSink.CloseReason.REFUSED, sink.closedWith());
        assertTrue(s.isClosed());
        s.cancel();
        s.resume();
        assertTrue(consoles.status(name("foo:x")).isEmpty());
    }

    @Test
    void subscribingWithACountReplaysTheLastLinesThenFollows() {
        started(":blk", 5, "1", "2", "3");
        RecordingSink sink = RecordingSink.unbounded();
        subscribe(consoles, ":blk", 2, sink);
        assertEquals("subscribed", sink.replyText());
        assertEquals(List.of("2", "3"), sink.lines());
        consoles.append(name(":blk"), T0, lines("4"));
        assertEquals(List.of("2", "3", "4"), sink.lines());
    }

    @Test
    void negativeAndHugeCountsAreBounded() {
        started(":blk", 5, "1", "2");
        RecordingSink none = RecordingSink.unbounded();
        subscribe(consoles, ":blk", -1, none);
        assertEquals(List.of(), none.lines());
        RecordingSink all = RecordingSink.unbounded();
        subscribe(consoles, ":blk", Long.MAX_VALUE, all);
        assertEquals(List.of("1", "2"), all.lines());
    }

    @Test
    void subscribingSinceATimeReplaysTheLinesNotOlder() {
        consoles.add(name(":hello"), 5);
        consoles.append(name(":hello"), T0, lines("old"));
        consoles.append(name(":hello"), T0.plusSeconds(10), lines("new", "newer"));
        RecordingSink sink = RecordingSink.unbounded();
        consoles.subscribe(Header.of(7, name(":hello")), new ConsoleCmd.SubscribeSince(T0.plusSeconds(10)), sink);
        assertEquals(List.of("new", "newer"), sink.lines());
        assertEquals(7, sink.messages().get(0).header().sequence()); // the reply echoes the request
        assertEquals(0, sink.messages().get(1).header().sequence()); // lines carry sequence 0, as Albatross
        assertEquals(T0.plusSeconds(10), sink.consoleData().get(0).timestamp());
    }

    @Test
    void aNewConsoleSubscribedToIsNeverTheOneDropped() {
        // Compat §13.2 #15: Albatross would drop ":a" (smallest inactive label), the one just subscribed to.
        started("foo:b", 1, "b");
        consoles.deactivate(name("foo:b"));
        RecordingSink sink = RecordingSink.unbounded();
        subscribe(consoles, "foo:a", 1, sink);
        assertNull(sink.closedWith());
        assertEquals("waiting for VM", sink.replyText());
        assertTrue(consoles.status(name("foo:b")).isEmpty());
    }

    @Test
    void aPathFirstSeenThroughASubscriptionAllowsOneConsole() {
        RecordingSink first = RecordingSink.unbounded();
        subscribe(consoles, "bar:x", 0, first);
        RecordingSink second = RecordingSink.unbounded();
        subscribe(consoles, "bar:y", 0, second); // 2 > 1: drops the smallest inactive other than y: x
        assertTrue(consoles.status(name("bar:x")).isEmpty());
        assertEquals(ConsoleSink.CloseReason.CONSOLE_DROPPED, first.closedWith());
        assertNull(second.closedWith());
        assertTrue(consoles.status(name("bar:y")).isPresent());
    }

    @Test
    void cancellingTheLastWaitingSubscriberForgetsTheConsole() {
        Subscription s = subscribe(consoles, "bar:x", 0, RecordingSink.unbounded());
        s.cancel();
        assertTrue(consoles.status(name("bar:x")).isEmpty());
        s.cancel();
    }

    @Test
    void listInactiveNeedsAPath() {
        assertEquals(new Failure("name used"), consoles.listInactive(name(":hello")));
    }

    @Test
    void listInactiveNamesStoppedConsolesWithHistoryRelativeToThePathInAlbatrossOrder() {
        for (String n : List.of(":a", ":b", "foo:x", "foo:y", "zed:q", "foo:bar:z", ":running")) {
            started(n, Long.MAX_VALUE, "line");
            if (!n.equals(":running")) {
                consoles.deactivate(name(n));
            }
        }
        subscribe(consoles, ":waiting", 0, RecordingSink.unbounded());

        // Albatross folds post-order (foo:bar, foo, zed, root; labels ascending) prepending: the reverse.
        assertEquals(new Success.Consoles(List.of(name(":b"), name(":a"), name("zed:q"), name("foo:y"),
                name("foo:x"), name("foo:bar:z"))), consoles.listInactive(name(":")));
        assertEquals(new Success.Consoles(List.of(name(":y"), name(":x"), name("bar:z"))),
                consoles.listInactive(name("foo:")));
        assertEquals(new Success.Consoles(List.of()), consoles.listInactive(name("nothing:")));
    }

    @Test
    void subscribeTakesOnlySubscriptions() {
        assertThrows(IllegalArgumentException.class, () -> consoles.subscribe(Header.of(0, name(":a")),
                new ConsoleCmd.ListInactive(), RecordingSink.unbounded()));
    }

    @Test
    void linesForAConsoleThatIsGoneAreIgnored() {
        consoles.append(name(":ghost"), T0, lines("boo"));
        assertTrue(consoles.status(name(":ghost")).isEmpty());
        assertEquals(0, consoles.retainedBytes());
    }

    @Test
    void bytesThatAreNotUtf8ReachSubscribersUnchanged() {
        consoles.add(name(":bin"), 5);
        byte[] raw = {'o', 'k', (byte) 0xff, (byte) 0xc3, 0x01};
        consoles.append(name(":bin"), T0, List.of(raw));
        String text = consoles.last(name(":bin"), 1).get(0).text();
        assertTrue(Arrays.equals(raw, dev.albatross.protocol.der.RawText.encode(text)));
    }
}
