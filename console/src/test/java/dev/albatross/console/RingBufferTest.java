package dev.albatross.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RingBufferTest {
    private static final Instant T0 = Instant.parse("2026-11-22T23:28:04.089Z");

    private static RingBuffer filled(int lines) {
        RingBuffer ring = new RingBuffer(1);
        for (int i = 1; i <= lines; i++) {
            ring.append(T0.plusSeconds(i), ("line " + i).getBytes(StandardCharsets.US_ASCII));
        }
        return ring;
    }

    private static List<String> texts(List<ConsoleLine> lines) {
        return lines.stream().map(ConsoleLine::text).toList();
    }

    @Test
    void anEmptyRingHasNoHistory() {
        RingBuffer ring = new RingBuffer(1);
        assertEquals(List.of(), ring.last(10));
        assertEquals(List.of(), ring.since(Instant.EPOCH));
        assertEquals(RingBuffer.FIXED_BYTES, ring.retainedBytes());
    }

    @Test
    void lastGivesTheNewestLinesOldestFirst() {
        RingBuffer ring = filled(5);
        assertEquals(List.of("line 4", "line 5"), texts(ring.last(2)));
        assertEquals(List.of(), ring.last(0));
        assertEquals(5, ring.last(100).size());
    }

    @Test
    void lastClampsNegativeAndHugeCountsOnAFullRing() {
        RingBuffer ring = filled(3 * RingBuffer.CAPACITY + 7);
        assertEquals(List.of(), ring.last(-1));
        assertEquals(List.of(), ring.last(Long.MIN_VALUE));
        assertEquals(RingBuffer.CAPACITY, ring.last(RingBuffer.CAPACITY + 1).size());
        List<ConsoleLine> all = ring.last(Long.MAX_VALUE);
        assertEquals(RingBuffer.CAPACITY, all.size());
        assertEquals("line " + (2 * RingBuffer.CAPACITY + 8), all.get(0).text());
        assertEquals("line " + (3 * RingBuffer.CAPACITY + 7), all.get(all.size() - 1).text());
    }

    @Test
    void sinceIncludesLinesOfExactlyThatTime() {
        RingBuffer ring = filled(5);
        assertEquals(List.of("line 3", "line 4", "line 5"), texts(ring.since(T0.plusSeconds(3))));
        assertEquals(List.of(), ring.since(T0.plusSeconds(6)));
        assertEquals(5, ring.since(Instant.EPOCH).size());
    }

    @Test
    void sinceOnAFullRingStopsAfterOneLap() {
        RingBuffer ring = new RingBuffer(1);
        for (int i = 0; i < 5 * RingBuffer.CAPACITY; i++) {
            ring.append(T0, new byte[] {'x'});
        }
        assertEquals(RingBuffer.CAPACITY, ring.since(Instant.EPOCH).size());
        assertEquals(RingBuffer.CAPACITY, ring.since(T0).size());
    }

    @Test
    void sinceStopsAtTheFirstOlderLineWalkingBack() {
        RingBuffer ring = new RingBuffer(1);
        ring.append(T0.plusSeconds(10), "a".getBytes(StandardCharsets.US_ASCII));
        ring.append(T0, "b".getBytes(StandardCharsets.US_ASCII)); // the clock stepped back
        ring.append(T0.plusSeconds(20), "c".getBytes(StandardCharsets.US_ASCII));
        assertEquals(List.of("c"), texts(ring.since(T0.plusSeconds(5))));
    }

    @Test
    void sequenceNumbersContinueAcrossLaps() {
        RingBuffer ring = new RingBuffer(40);
        for (int i = 0; i < RingBuffer.CAPACITY + 10; i++) {
            ring.append(T0, new byte[] {'x'});
        }
        assertEquals(40 + RingBuffer.CAPACITY + 10, ring.nextSequence());
        assertEquals(50, ring.oldestSequence());
        assertEquals(ring.nextSequence() - 1, ring.last(1).get(0).sequence());
        assertEquals(3, ring.from(ring.nextSequence() - 3).size());
        assertEquals(RingBuffer.CAPACITY, ring.from(0).size());
        assertThrows(IllegalArgumentException.class, () -> ring.line(49));
    }

    @Test
    void aFullRingOfTheLongestLinesHoldsExactlyTheBound() {
        RingBuffer ring = new RingBuffer(1);
        for (int i = 0; i < 3 * RingBuffer.CAPACITY; i++) {
            ring.append(T0, new byte[LineSplitter.MAX_EMITTED_LINE_BYTES]);
        }
        assertEquals(RingBuffer.MAX_RETAINED_BYTES, ring.retainedBytes());
        ring.append(T0, new byte[1]);
        assertTrue(ring.retainedBytes() < RingBuffer.MAX_RETAINED_BYTES);
    }

    @Test
    void trimmingDropsTheOldestLines() {
        RingBuffer ring = filled(10);
        long before = ring.retainedBytes();
        long freed = ring.trimOldest(1);
        assertEquals(before - freed, ring.retainedBytes());
        assertEquals(List.of("line 2"), texts(ring.last(9)).subList(0, 1));
        assertEquals(2, ring.oldestSequence());
        ring.trimOldest(Long.MAX_VALUE);
        assertEquals(0, ring.size());
        assertEquals(RingBuffer.FIXED_BYTES, ring.retainedBytes());
        assertEquals(11, ring.append(T0, new byte[] {'z'}));
    }

    /** The lines as Albatross's {@code read_last} and {@code read_history} would give them, over a plain list. */
    @Property
    void agreesWithAlbatrossOverAPlainList(@ForAll @Size(max = 2200) List<@IntRange(min = 0, max = 5) Integer> steps,
            @ForAll @IntRange(min = -5, max = 1100) int count,
            @ForAll @IntRange(min = 0, max = 6000) int sinceSeconds) {
        RingBuffer ring = new RingBuffer(1);
        List<Instant> model = new ArrayList<>();
        Instant t = T0;
        for (int step : steps) {
            t = t.plusSeconds(step == 5 ? -3 : step); // mostly forward, sometimes back
            ring.append(t, ("l" + model.size()).getBytes(StandardCharsets.US_ASCII));
            model.add(t);
        }
        List<Integer> kept = new ArrayList<>();
        for (int i = Math.max(0, model.size() - RingBuffer.CAPACITY); i < model.size(); i++) {
            kept.add(i);
        }
        int n = Math.max(0, Math.min(count, kept.size()));
        assertEquals(kept.subList(kept.size() - n, kept.size()), indices(ring.last(count)));

        Instant since = T0.plusSeconds(sinceSeconds);
        List<Integer> history = new ArrayList<>();
        for (int k = kept.size() - 1; k >= 0 && !model.get(kept.get(k)).isBefore(since); k--) {
            history.add(0, kept.get(k));
        }
        assertEquals(history, indices(ring.since(since)));
    }

    private static List<Integer> indices(List<ConsoleLine> lines) {
        return lines.stream().map(l -> Integer.parseInt(l.text().substring(1))).toList();
    }
}
