package dev.albatross.stats;

import dev.albatross.protocol.name.Label;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.Data;
import dev.albatross.protocol.wire.Header;
import dev.albatross.protocol.wire.Wire;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Who is registered and who listens (Albatross's {@code vmid_pid} and {@code name_sockets} tries), as an
 * immutable value: every change returns a new table and leaves this one as it was.
 *
 * <p>Both maps are keyed by a name's labels (path then label), as Albatross's tries are: {@code :foo} and
 * {@code foo:} share a key. A subscriber at key {@code k} listens to every registration whose key starts with
 * {@code k} (Albatross's {@code Vmm_trie.collect}), and is sent names relative to its name's path.
 */
final class StatsTable {
    /** Trie order: label by label, a key before its extensions (the order of {@code Vmm_trie.all}). */
    private static final Comparator<List<Label>> KEY_ORDER = (a, b) -> {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    static final StatsTable EMPTY = new StatsTable(new TreeMap<>(KEY_ORDER), new TreeMap<>(KEY_ORDER));

    private final SortedMap<List<Label>, Registration> registrations;
    private final SortedMap<List<Label>, List<Subscriber>> subscribers;

    /** Takes maps nobody else holds (fresh copies) or this class's own read-only views. */
    private StatsTable(SortedMap<List<Label>, Registration> registrations,
            SortedMap<List<Label>, List<Subscriber>> subscribers) {
        this.registrations = Collections.unmodifiableSortedMap(registrations);
        this.subscribers = Collections.unmodifiableSortedMap(subscribers);
    }

    int registrationCount() {
        return registrations.size();
    }

    int subscriberCount() {
        return subscribers.values().stream().mapToInt(List::size).sum();
    }

    Optional<Registration> registration(Name name) {
        return Optional.ofNullable(registrations.get(name.labels()));
    }

    /** The table with {@code r} registered, replacing any registration under the same key. */
    StatsTable with(Registration r) {
        TreeMap<List<Label>, Registration> copy = new TreeMap<>(registrations);
        copy.put(r.name().labels(), r);
        return new StatsTable(copy, subscribers);
    }

    /** The table with each of {@code updates} replacing the registration under its key, if there still is one. */
    StatsTable updated(List<Registration> updates) {
        if (updates.isEmpty()) {
            return this;
        }
        TreeMap<List<Label>, Registration> copy = new TreeMap<>(registrations);
        updates.forEach(r -> copy.replace(r.name().labels(), r));
        return new StatsTable(copy, subscribers);
    }

    /** The table without the registrations of {@code names}; names not registered are ignored. */
    StatsTable without(List<Name> names) {
        if (names.isEmpty()) {
            return this;
        }
        TreeMap<List<Label>, Registration> copy = new TreeMap<>(registrations);
        names.forEach(n -> copy.remove(n.labels()));
        return new StatsTable(copy, subscribers);
    }

    /** A subscription's outcome: the new table, and the subscribers it pushed out (to be closed). */
    record Subscribed(StatsTable table, List<Subscriber> evicted) {
    }

    /**
     * Adds {@code s} at its name's key. A sink already there is replaced in place; otherwise, if the key then has
     * more than {@code maxPerName} subscribers, the oldest are evicted (with 1, Albatross's behaviour).
     */
    Subscribed subscribe(Subscriber s, int maxPerName) {
        // Compat §13.2 #6: Albatross keeps one subscriber per name, so `albatross-client stats` evicts
        // albatross-influx; we keep up to maxPerName (default 5) and evict the oldest beyond that.
        List<Label> key = s.name().labels();
        List<Subscriber> here = new ArrayList<>(subscribers.getOrDefault(key, List.of()));
        here.removeIf(old -> old.sink() == s.sink());
        here.add(s);
        List<Subscriber> evicted = new ArrayList<>();
        while (here.size() > maxPerName) {
            evicted.add(here.remove(0));
        }
        TreeMap<List<Label>, List<Subscriber>> copy = new TreeMap<>(subscribers);
        copy.put(key, List.copyOf(here));
        return new Subscribed(new StatsTable(registrations, copy), evicted);
    }

    /** Every subscriber, in key order. */
    List<Subscriber> allSubscribers() {
        return subscribers.values().stream().flatMap(List::stream).toList();
    }

    /** The table without any subscription of {@code sink}. */
    StatsTable unsubscribe(StatsSink sink) {
        TreeMap<List<Label>, List<Subscriber>> copy = new TreeMap<>(subscribers);
        boolean changed = false;
        for (Map.Entry<List<Label>, List<Subscriber>> e : subscribers.entrySet()) {
            List<Subscriber> kept = e.getValue().stream().filter(s -> s.sink() != sink).toList();
            if (kept.size() != e.getValue().size()) {
                changed = true;
                if (kept.isEmpty()) {
                    copy.remove(e.getKey());
                } else {
                    copy.put(e.getKey(), kept);
                }
            }
        }
        return changed ? new StatsTable(registrations, copy) : this;
    }

    /**
     * The registrations to read this round, in trie order: all of them if {@code all}, else those with a listener
     * (Albatross gathers nothing for a unikernel nobody listens to).
     */
    List<Registration> targets(boolean all) {
        List<Registration> out = new ArrayList<>();
        for (Registration r : registrations.values()) {
            if (all || !listeners(r.name()).isEmpty()) {
                out.add(r);
            }
        }
        return out;
    }

    /** The subscribers at {@code name}'s key and at every prefix of it, deepest first ({@code collect}). */
    List<Subscriber> listeners(Name name) {
        if (subscribers.isEmpty()) {
            return List.of();
        }
        List<Label> key = name.labels();
        List<Subscriber> out = new ArrayList<>();
        for (int n = key.size(); n >= 0; n--) {
            out.addAll(subscribers.getOrDefault(key.subList(0, n), List.of()));
        }
        return out;
    }

    /** The message {@code s} receives for {@code sample}: its version, sequence 0, the name relative to it. */
    static Wire message(Subscriber s, Name unikernel, Data.Statistics statistics) {
        Name relative = unikernel.dropPrefix(s.name().path());
        return new Wire(new Header(s.version(), 0, relative), statistics);
    }
}
