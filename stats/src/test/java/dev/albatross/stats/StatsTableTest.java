package dev.albatross.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.Data;
import dev.albatross.protocol.wire.Rusage;
import dev.albatross.protocol.wire.Timeval;
import dev.albatross.protocol.wire.Wire;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StatsTableTest {
    private static final Data.Statistics STATS = new Data.Statistics(new Rusage(Timeval.ZERO, Timeval.ZERO, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), List.of(), Optional.empty(), Optional.empty());

    private static Registration reg(String name) {
        return new Registration(Name.parse(name), 1, List.of(), OptionalLong.empty());
    }

    private static Subscriber sub(String name, StatsSink sink) {
        return new Subscriber(Name.parse(name), 5, sink);
    }

    private static StatsTable subscribed(StatsTable t, Subscriber... subs) {
        for (Subscriber s : subs) {
            t = t.subscribe(s, 5).table();
        }
        return t;
    }

    @Test
    void changesLeaveTheOldTableAsItWas() {
        StatsTable one = StatsTable.EMPTY.with(reg("foo:bar"));
        StatsTable two = one.with(reg("foo:baz"));
        assertEquals(1, one.registrationCount());
        assertEquals(2, two.registrationCount());
        assertEquals(0, StatsTable.EMPTY.registrationCount());
        assertEquals(1, two.without(List.of(Name.parse("foo:bar"))).registrationCount());
        assertEquals(2, two.registrationCount());
    }

    @Test
    void aLabelAndThePathOfTheSameLabelsShareAKeyAsInAlbatrossTrie() {
        StatsTable t = StatsTable.EMPTY.with(reg(":foo"));
        assertTrue(t.registration(Name.parse("foo:")).isPresent());
        assertTrue(t.registration(Name.parse("foo")).isPresent());
    }

    @Test
    void subscribersAtTheNameAndItsAncestorsListenDeepestFirst() {
        Subscriber root = sub(":", new RecordingSink());
        Subscriber foo = sub("foo:", new RecordingSink());
        Subscriber exact = sub("foo:bar", new RecordingSink());
        Subscriber sibling = sub("foo:baz", new RecordingSink());
        Subscriber other = sub("bar:", new RecordingSink());
        StatsTable t = subscribed(StatsTable.EMPTY, root, foo, exact, sibling, other);
        assertEquals(List.of(exact, foo, root), t.listeners(Name.parse("foo:bar")));
        assertEquals(List.of(root), t.listeners(Name.parse(":hello")));
    }

    @Test
    void messagesNameTheUnikernelRelativeToTheSubscribersPath() {
        Name unikernel = Name.parse("foo:bar");
        assertEquals(Name.parse("foo:bar"), header(sub(":", new RecordingSink()), unikernel));
        assertEquals(Name.parse(":bar"), header(sub("foo:", new RecordingSink()), unikernel));
        assertEquals(Name.parse(":bar"), header(sub("foo:bar", new RecordingSink()), unikernel));
        // ":foo" is a label at the root, stored at the same trie node as "foo:", so it listens to foo:bar too;
        // its path is the root, so it gets the full name (Albatross does the same).
        assertEquals(Name.parse("foo:bar"), header(sub(":foo", new RecordingSink()), unikernel));
    }

    private static Name header(Subscriber s, Name unikernel) {
        StatsTable t = subscribed(StatsTable.EMPTY, s);
        assertEquals(List.of(s), t.listeners(unikernel));
        Wire wire = StatsTable.message(s, unikernel, STATS);
        assertEquals(5, wire.header().version());
        assertEquals(0, wire.header().sequence());
        assertSame(STATS, wire.payload());
        return wire.header().name();
    }

    @Test
    void withOneSubscriberPerNameANewOneEvictsThePreviousAsAlbatross() {
        Subscriber first = sub(":", new RecordingSink());
        Subscriber second = sub(":", new RecordingSink());
        StatsTable.Subscribed s1 = StatsTable.EMPTY.subscribe(first, 1);
        StatsTable.Subscribed s2 = s1.table().subscribe(second, 1);
        assertEquals(List.of(), s1.evicted());
        assertEquals(List.of(first), s2.evicted());
        assertEquals(List.of(second), s2.table().listeners(Name.parse(":x")));
    }

    @Test
    void beyondTheLimitTheOldestGoes() {
        Subscriber a = sub("foo:", new RecordingSink());
        Subscriber b = sub("foo:", new RecordingSink());
        Subscriber c = sub("foo:", new RecordingSink());
        StatsTable t = StatsTable.EMPTY.subscribe(a, 2).table().subscribe(b, 2).table();
        StatsTable.Subscribed s = t.subscribe(c, 2);
        assertEquals(List.of(a), s.evicted());
        assertEquals(List.of(b, c), s.table().listeners(Name.parse("foo:x")));
    }

    @Test
    void theSameConnectionSubscribingAgainReplacesItself() {
        RecordingSink sink = new RecordingSink();
        Subscriber again = new Subscriber(Name.parse(":"), 5, sink);
        StatsTable.Subscribed s = StatsTable.EMPTY.subscribe(sub(":", sink), 1).table().subscribe(again, 1);
        assertEquals(List.of(), s.evicted());
        assertEquals(1, s.table().subscriberCount());
    }

    @Test
    void unsubscribeForgetsEverySubscriptionOfAConnection() {
        RecordingSink sink = new RecordingSink();
        Subscriber keep = sub(":", new RecordingSink());
        StatsTable t = subscribed(StatsTable.EMPTY, sub("foo:", sink), sub("bar:", sink), keep);
        StatsTable u = t.unsubscribe(sink);
        assertEquals(List.of(keep), u.allSubscribers());
        assertSame(u, u.unsubscribe(sink));
    }

    @Test
    void readsOnlyListenedUnikernelsUnlessAllAreWanted() {
        StatsTable t = StatsTable.EMPTY.with(reg("foo:a")).with(reg("bar:b")).with(reg(":c"));
        assertEquals(List.of(), t.targets(false));
        StatsTable s = subscribed(t, sub("foo:", new RecordingSink()));
        assertEquals(List.of(Name.parse("foo:a")), s.targets(false).stream().map(Registration::name).toList());
        assertEquals(List.of(Name.parse("bar:b"), Name.parse(":c"), Name.parse("foo:a")),
                s.targets(true).stream().map(Registration::name).toList());
    }
}
