package dev.albatross.console;

import static dev.albatross.console.ConsolesTest.lines;
import static dev.albatross.console.ConsolesTest.name;
import static dev.albatross.console.ConsolesTest.subscribe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.protocol.wire.Wire;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SubscriptionTest {
    private static final Instant T0 = ConsolesTest.T0;

    private final MutableClock clock = new MutableClock(T0);
    private final Consoles consoles = new Consoles(ConsoleLimits.defaults(), clock);

    private void print(int from, int to) {
        for (int i = from; i <= to; i++) {
            consoles.append(name(":chatty"), clock.instant(), lines("line " + i));
        }
    }

    private static List<String> numbered(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i).toList();
    }

    @Test
    void aSlowSubscriberIsToldHowManyLinesItLostWhileTheOthersGetEveryLine() {
        consoles.add(name(":chatty"), 5);
        RecordingSink fast = RecordingSink.unbounded();
        RecordingSink slow = RecordingSink.withBudget(10); // the reply and 9 lines, then it stops reading
        RecordingSink alsoFast = RecordingSink.unbounded();
        subscribe(consoles, ":chatty", 0, fast);
        Subscription slowSub = subscribe(consoles, ":chatty", 0, slow);
        subscribe(consoles, ":chatty", 0, alsoFast);

        print(1, 3000);

        assertEquals(numbered(1, 3000), fast.lines());
        assertEquals(numbered(1, 3000), alsoFast.lines());
        assertEquals(numbered(1, 9), slow.lines());

        slow.drain();
        slowSub.resume(); // its connection can take 10 more: the notice and 9 lines
        int oldestKept = 3000 - Consoles.HISTORY_LINES + 1;
        long lost = oldestKept - 10;
        assertEquals("[albatross] " + lost + " lines dropped", slow.lines().get(9));
        assertEquals(lost, slowSub.droppedLines());
        while (slow.lines().size() < 9 + 1 + Consoles.HISTORY_LINES) {
            slow.drain();
            slowSub.resume();
        }
        List<String> expected = new ArrayList<>(numbered(1, 9));
        expected.add("[albatross] " + lost + " lines dropped");
        expected.addAll(numbered(oldestKept, 3000));
        assertEquals(expected, slow.lines());
        assertNull(slow.closedWith());
    }

    @Test
    void theNoticeCarriesTheTimeOfTheFirstLineAfterTheGap() {
        Consoles consoles = new Consoles(ConsoleLimits.defaults().withMaxSubscriberStall(Duration.ofDays(1)), clock);
        consoles.add(name(":chatty"), 5);
        RecordingSink slow = RecordingSink.withBudget(1);
        Subscription s = subscribe(consoles, ":chatty", 0, slow);
        for (int i = 1; i <= 2 * Consoles.HISTORY_LINES; i++) {
            clock.advance(Duration.ofSeconds(1));
            consoles.append(name(":chatty"), clock.instant(), lines("line " + i));
        }
        slow.drain();
        s.resume();
        assertEquals("[albatross] 1024 lines dropped", slow.lines().get(0));
        assertEquals(T0.plusSeconds(Consoles.HISTORY_LINES + 1), slow.consoleData().get(0).timestamp());
        assertEquals(2, slow.messages().size()); // the reply, then the notice: the budget of one is used again
    }

    @Test
    void aSubscriberThatTakesNothingForTooLongIsDisconnected() {
        consoles.add(name(":chatty"), 5);
        RecordingSink stuck = RecordingSink.withBudget(1);
        RecordingSink fine = RecordingSink.unbounded();
        Subscription s = subscribe(consoles, ":chatty", 0, stuck);
        subscribe(consoles, ":chatty", 0, fine);
        print(1, 1); // refused: stalled from now
        clock.advance(ConsoleLimits.DEFAULT_MAX_SUBSCRIBER_STALL);
        print(2, 2);
        assertNull(stuck.closedWith(), "exactly the bound is still fine");
        clock.advance(Duration.ofMillis(1));
        print(3, 3);
        assertEquals(ConsoleSink.CloseReason.STALLED, stuck.closedWith());
        assertTrue(s.isClosed());
        assertEquals(1, consoles.status(name(":chatty")).orElseThrow().subscribers());
        assertEquals(numbered(1, 3), fine.lines());
    }

    @Test
    void aSlowSubscriberThatKeepsTakingIsNotDisconnected() {
        consoles.add(name(":chatty"), 5);
        RecordingSink slow = RecordingSink.withBudget(1);
        Subscription s = subscribe(consoles, ":chatty", 0, slow);
        for (int i = 1; i <= 10; i++) {
            print(i, i);
            clock.advance(ConsoleLimits.DEFAULT_MAX_SUBSCRIBER_STALL.dividedBy(2));
            slow.drain();
            s.resume();
        }
        assertNull(slow.closedWith());
        assertEquals(numbered(1, 10), slow.lines());
    }

    @Test
    void atMostMaxSubscribersAreConnectedAndTheOldestMakesRoom() {
        consoles.add(name(":popular"), 5);
        List<RecordingSink> sinks = new ArrayList<>();
        for (int i = 0; i < ConsoleLimits.DEFAULT_MAX_SUBSCRIBERS + 2; i++) {
            RecordingSink sink = RecordingSink.unbounded();
            sinks.add(sink);
            subscribe(consoles, ":popular", 0, sink);
            assertTrue(consoles.status(name(":popular")).orElseThrow().subscribers()
                    <= ConsoleLimits.DEFAULT_MAX_SUBSCRIBERS);
        }
        assertEquals(ConsoleSink.CloseReason.REPLACED, sinks.get(0).closedWith());
        assertEquals(ConsoleSink.CloseReason.REPLACED, sinks.get(1).closedWith());
        for (RecordingSink sink : sinks.subList(2, sinks.size())) {
            assertNull(sink.closedWith());
        }
    }

    @Test
    void theReplyAndHistoryWaitForASinkThatCannotTakeThemYet() {
        consoles.add(name(":hello"), 5);
        consoles.append(name(":hello"), T0, lines("history"));
        RecordingSink full = RecordingSink.withBudget(0);
        Subscription s = subscribe(consoles, ":hello", 1, full);
        consoles.append(name(":hello"), T0, lines("live"));
        assertTrue(full.messages().isEmpty());
        full.allow(10);
        s.resume();
        assertEquals("subscribed", full.replyText());
        assertEquals(List.of("history", "live"), full.lines());
        s.cancel();
        assertTrue(s.isClosed());
        assertEquals(0, consoles.status(name(":hello")).orElseThrow().subscribers());
    }

    @Test
    void aSinkMayCancelFromInsideOffer() {
        consoles.add(name(":hello"), 5);
        Subscription[] self = new Subscription[1];
        List<Wire> got = new ArrayList<>();
        ConsoleSink cancelling = new ConsoleSink() {
            @Override
            public boolean offer(Wire message) {
                got.add(message);
                if (got.size() == 2 && self[0] != null) {
                    self[0].cancel();
                }
                return true;
            }

            @Override
            public void close(CloseReason reason) {
                throw new AssertionError("cancelled subscriptions are not closed by the registry");
            }
        };
        self[0] = subscribe(consoles, ":hello", 0, cancelling);
        RecordingSink other = RecordingSink.unbounded();
        subscribe(consoles, ":hello", 0, other);
        consoles.append(name(":hello"), T0, lines("a", "b", "c"));
        assertEquals(2, got.size());
        assertEquals(List.of("a", "b", "c"), other.lines());
        assertNull(other.closedWith());
        assertEquals(1, consoles.status(name(":hello")).orElseThrow().subscribers());
    }

    @Test
    void aSinkMayResumeFromInsideOffer() {
        consoles.add(name(":hello"), 5);
        Subscription[] self = new Subscription[1];
        List<Wire> got = new ArrayList<>();
        ConsoleSink resuming = new ConsoleSink() {
            @Override
            public boolean offer(Wire message) {
                got.add(message);
                if (self[0] != null) {
                    self[0].resume(); // a Netty write on the event loop can fire writability at once
                }
                return true;
            }

            @Override
            public void close(CloseReason reason) {
                throw new AssertionError("not closed");
            }
        };
        self[0] = subscribe(consoles, ":hello", 0, resuming);
        consoles.append(name(":hello"), T0, lines("a", "b", "c"));
        assertEquals(4, got.size()); // the reply (offered before self was set) and each line exactly once
    }
}
