package dev.albatross.console;

import dev.albatross.protocol.name.Label;
import dev.albatross.protocol.name.Name;
import java.util.ArrayList;
import java.util.List;

/**
 * One console of the registry (Albatross's map value: subscribers, active flag, optional ring). Mutable; only
 * touched under the {@link Consoles} lock.
 */
final class ConsoleEntry {
    final Name name;
    final Label label;
    /** A unikernel of this name is running and its fifo is read. */
    boolean active;
    /** The history; null while "waiting for VM" (only subscribed to) or after it was evicted. */
    RingBuffer ring;
    /** The sequence number a new ring starts at, so that numbers never repeat while the entry lives. */
    long nextSequence = 1;
    /** When it last stopped, as a count of stops in the registry: the least recently stopped is evicted first. */
    long stoppedAt;
    /** Oldest first: Albatross drops the oldest when a subscriber beyond the maximum arrives. */
    final List<Subscription> subscribers = new ArrayList<>();

    ConsoleEntry(Name name) {
        this.name = name;
        this.label = name.label().orElseThrow(() -> new IllegalArgumentException("a console needs a label: " + name));
    }

    /** The entry's ring, created empty if it has none; returns the bytes newly retained. */
    long ensureRing() {
        if (ring != null) {
            return 0;
        }
        ring = new RingBuffer(nextSequence);
        return ring.retainedBytes();
    }

    /** Forgets the history (keeping the sequence numbering); returns the bytes released. */
    long dropRing() {
        if (ring == null) {
            return 0;
        }
        long bytes = ring.retainedBytes();
        nextSequence = ring.nextSequence();
        ring = null;
        return bytes;
    }

    /** Neither running, nor history, nor anyone waiting: nothing left to keep (Albatross's unsubscribe rule). */
    boolean unused() {
        return !active && ring == null && subscribers.isEmpty();
    }

    boolean hasInactiveHistory() {
        return !active && ring != null;
    }
}
