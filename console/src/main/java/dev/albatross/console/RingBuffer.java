package dev.albatross.console;

import dev.albatross.protocol.der.RawText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The last {@value #CAPACITY} lines of one console with their timestamps (spec §8, {@code Vmm_ring}), oldest
 * overwritten first. Lines carry sequence numbers: line {@code s} lives in slot {@code s mod CAPACITY}, and the
 * valid ones are {@code [next - size, next)}. Not thread-safe: {@link Consoles} holds it under its lock.
 *
 * <p>Memory-compact: one {@code byte[]} per line (≤ {@link LineSplitter#MAX_EMITTED_LINE_BYTES}) and two
 * primitive arrays for the timestamps, so a full ring of the longest lines holds {@link #MAX_RETAINED_BYTES}. The
 * arrays start at {@value #INITIAL_SLOTS} slots and double as lines arrive: most unikernels print a few dozen
 * lines, and a thousand of them must not cost 16 KiB each before printing anything.
 */
final class RingBuffer {
    /** Albatross's ring size; clients ask for up to this many lines of history ({@code --count}). */
    static final int CAPACITY = 1024;
    /** Slots allocated at first; they double up to {@value #CAPACITY}. */
    static final int INITIAL_SLOTS = 16;
    /**
     * Heap bytes of a ring whose arrays have {@code slots} slots: this object and its three arrays (references
     * and ints 4 bytes, longs 8, array headers 16 on a 64-bit JVM with compressed references).
     */
    static long fixedBytes(int slots) {
        return 48 + 3 * 16 + (4L + 8 + 4) * slots;
    }

    /** Heap bytes of a full-size ring's arrays, before any line. */
    static final long FIXED_BYTES = fixedBytes(CAPACITY);
    /** The most one ring can hold: every slot a line of the longest length the splitter emits. */
    static final long MAX_RETAINED_BYTES = FIXED_BYTES + CAPACITY * lineBytes(LineSplitter.MAX_EMITTED_LINE_BYTES);

    private byte[][] lines = new byte[INITIAL_SLOTS][];
    private long[] seconds = new long[INITIAL_SLOTS];
    private int[] nanos = new int[INITIAL_SLOTS];
    private long next;
    private int size;
    private long retainedBytes = fixedBytes(INITIAL_SLOTS);

    /** An empty ring whose first line will get {@code firstSequence} (≥ 1). */
    RingBuffer(long firstSequence) {
        if (firstSequence < 1) {
            throw new IllegalArgumentException("sequence numbers start at 1: " + firstSequence);
        }
        this.next = firstSequence;
    }

    /** Heap bytes of a line of {@code length} bytes: array header plus the content rounded up to 8. */
    static long lineBytes(int length) {
        return 16 + ((length + 7L) & ~7L);
    }

    /** Stores {@code line} (now owned by the ring), overwriting the oldest if full; its sequence number. */
    long append(Instant at, byte[] line) {
        if (size == lines.length && lines.length < CAPACITY) {
            grow();
        }
        int slot = slot(next);
        if (size == CAPACITY) {
            retainedBytes -= lineBytes(lines[slot].length);
        } else {
            size++;
        }
        lines[slot] = line;
        seconds[slot] = at.getEpochSecond();
        nanos[slot] = at.getNano();
        retainedBytes += lineBytes(line.length);
        return next++;
    }

    long oldestSequence() {
        return next - size;
    }

    /** The sequence number the next line will get. */
    long nextSequence() {
        return next;
    }

    int size() {
        return size;
    }

    long retainedBytes() {
        return retainedBytes;
    }

    /**
     * Where {@code read_last count} starts: the newest {@code count} lines, {@code count} clamped to
     * [0, {@value #CAPACITY}]. Compat §13.2 #3: Albatross loops forever on a negative count; we bound it.
     */
    long startOfLast(long count) {
        long n = Math.max(0, Math.min(count, size));
        return next - n;
    }

    /**
     * Where {@code read_history since} starts: walking back from the newest line, lines not earlier than
     * {@code since}, stopping at the first earlier one or after one lap (the 2.7.2 fix).
     */
    long startSince(Instant since) {
        long seq = next - 1;
        for (int k = 0; k < size; k++, seq--) {
            if (timestamp(seq).isBefore(since)) {
                return seq + 1;
            }
        }
        return next - size;
    }

    /** The lines from {@code sequence} (or the oldest kept, if later) to the newest, oldest first. */
    List<ConsoleLine> from(long sequence) {
        long start = Math.max(sequence, oldestSequence());
        List<ConsoleLine> out = new ArrayList<>((int) Math.max(0, next - start));
        for (long s = start; s < next; s++) {
            out.add(line(s));
        }
        return out;
    }

    List<ConsoleLine> last(long count) {
        return from(startOfLast(count));
    }

    List<ConsoleLine> since(Instant since) {
        return from(startSince(since));
    }

    /** Line {@code sequence}, which must be kept ({@code oldestSequence() <= sequence < nextSequence()}). */
    ConsoleLine line(long sequence) {
        return new ConsoleLine(sequence, timestamp(sequence), RawText.decode(lines[checkedSlot(sequence)]));
    }

    /** The bytes of line {@code sequence}, which must be kept; the ring's own array, not to be changed. */
    byte[] bytes(long sequence) {
        return lines[checkedSlot(sequence)];
    }

    long epochSecond(long sequence) {
        return seconds[checkedSlot(sequence)];
    }

    int nano(long sequence) {
        return nanos[checkedSlot(sequence)];
    }

    Instant timestamp(long sequence) {
        int slot = checkedSlot(sequence);
        return Instant.ofEpochSecond(seconds[slot], nanos[slot]);
    }

    /** Drops the oldest lines until at least {@code bytes} are freed or the ring is empty; the bytes freed. */
    long trimOldest(long bytes) {
        long freed = 0;
        while (size > 0 && freed < bytes) {
            int slot = slot(next - size);
            freed += lineBytes(lines[slot].length);
            lines[slot] = null;
            size--;
        }
        retainedBytes -= freed;
        return freed;
    }

    private int checkedSlot(long sequence) {
        if (sequence < oldestSequence() || sequence >= next) {
            throw new IllegalArgumentException("line " + sequence + " is not kept: [" + oldestSequence() + ", "
                    + next + ")");
        }
        return slot(sequence);
    }

    /** Line {@code sequence}'s slot: {@code sequence mod slots}, so a full-size ring is Albatross's ring. */
    private int slot(long sequence) {
        return (int) Math.floorMod(sequence, (long) lines.length);
    }

    /** Doubles the arrays, moving every kept line to its slot in the larger ones. */
    private void grow() {
        int slots = Math.min(CAPACITY, lines.length * 2);
        byte[][] newLines = new byte[slots][];
        long[] newSeconds = new long[slots];
        int[] newNanos = new int[slots];
        for (long s = next - size; s < next; s++) {
            int from = slot(s);
            int to = (int) Math.floorMod(s, (long) slots);
            newLines[to] = lines[from];
            newSeconds[to] = seconds[from];
            newNanos[to] = nanos[from];
        }
        retainedBytes += fixedBytes(slots) - fixedBytes(lines.length);
        lines = newLines;
        seconds = newSeconds;
        nanos = newNanos;
    }
}
