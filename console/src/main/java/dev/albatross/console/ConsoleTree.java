package dev.albatross.console;

import dev.albatross.protocol.name.Label;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.name.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's state: path → {@link PathConsoles}, with the byte accounting and the rules that drop and evict.
 * Not thread-safe: {@link Consoles} holds it under its lock. Never calls a sink; what must be closed is returned.
 */
final class ConsoleTree {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleTree.class);

    /** Post-order of the trie (spec §4 {@code fold}): children in label order, each before its parent. */
    private static final Comparator<Path> POST_ORDER = (a, b) -> {
        int common = Math.min(a.depth(), b.depth());
        for (int i = 0; i < common; i++) {
            int c = a.labels().get(i).compareTo(b.labels().get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(b.depth(), a.depth());
    };

    /**
     * Eviction goes 1/16 below the cap (16 MiB at the default 256 MiB): a host at its cap then evicts once per
     * that many bytes printed, not on every line, and each eviction scans the consoles once.
     */
    static final int EVICTION_SLACK_DIVISOR = 16;

    private final Map<Path, PathConsoles> paths = new HashMap<>();
    private long retainedBytes;
    private long stops;

    ConsoleEntry find(Name name) {
        PathConsoles p = paths.get(name.path());
        return p == null ? null : name.label().map(p.entries::get).orElse(null);
    }

    PathConsoles path(Path path) {
        return paths.get(path);
    }

    /** The path's consoles, created with {@code maxConsoles} if the path is new. */
    PathConsoles pathOrCreate(Path path, long maxConsoles) {
        return paths.computeIfAbsent(path, p -> new PathConsoles(p, maxConsoles));
    }

    ConsoleEntry entryOrCreate(PathConsoles p, Name name) {
        Label label = name.label().orElseThrow();
        return p.entries.computeIfAbsent(label, l -> new ConsoleEntry(name));
    }

    void account(PathConsoles p, long delta) {
        p.retainedBytes += delta;
        retainedBytes += delta;
    }

    long retainedBytes() {
        return retainedBytes;
    }

    void stopped(ConsoleEntry e) {
        e.active = false;
        e.stoppedAt = ++stops;
    }

    /**
     * Albatross's {@code maybe_drop}: if {@code p} holds more than {@code n} consoles, drop the inactive one with
     * the smallest label, except {@code keep}. Compat §13.2 #15: Albatross may drop the console a subscriber was
     * just added to; we never drop {@code keep}. Returns the dropped console's subscribers, to be closed.
     */
    List<Subscription> dropOneOver(PathConsoles p, long n, ConsoleEntry keep) {
        if (p.entries.size() <= n) {
            return List.of();
        }
        for (ConsoleEntry e : p.entries.values()) {
            if (!e.active && e != keep) {
                LOG.info("dropping console {}: {} holds more than {}", e.name, p.path.asName(), n);
                return remove(p, e);
            }
        }
        LOG.warn("console {} exceeds its {} consoles, but none is inactive to drop", p.path.asName(), n);
        return List.of();
    }

    /** Removes {@code e} if nothing is left in it, and its path if that is then empty. */
    void removeIfUnused(ConsoleEntry e) {
        PathConsoles p = paths.get(e.name.path());
        if (e.unused() && p != null && p.entries.get(e.label) == e) {
            remove(p, e);
        }
    }

    private List<Subscription> remove(PathConsoles p, ConsoleEntry e) {
        p.entries.remove(e.label);
        account(p, -e.dropRing());
        if (p.entries.isEmpty()) {
            paths.remove(p.path);
        }
        List<Subscription> subscribers = List.copyOf(e.subscribers);
        e.subscribers.clear();
        return subscribers;
    }

    /**
     * Brings the retained bytes under {@code max} (down to 15/16 of it, see {@link #EVICTION_SLACK_DIVISOR}):
     * first the history of stopped consoles, from the path holding the most bytes and the least recently stopped
     * there; when none is left, the oldest lines of the largest ring of the largest path. Subscribers stay; one
     * behind the evicted lines gets a gap notice.
     */
    void enforce(long max) {
        if (retainedBytes <= max) {
            return;
        }
        long target = max - max / EVICTION_SLACK_DIVISOR;
        while (retainedBytes > target) {
            PathConsoles largest = null;
            PathConsoles largestWithInactive = null;
            for (PathConsoles p : paths.values()) {
                if (largest == null || p.retainedBytes > largest.retainedBytes) {
                    largest = p;
                }
                if (p.entries.values().stream().anyMatch(ConsoleEntry::hasInactiveHistory)
                        && (largestWithInactive == null || p.retainedBytes > largestWithInactive.retainedBytes)) {
                    largestWithInactive = p;
                }
            }
            if (largestWithInactive != null) {
                ConsoleEntry victim = largestWithInactive.entries.values().stream()
                        .filter(ConsoleEntry::hasInactiveHistory)
                        .min(Comparator.comparingLong(e -> e.stoppedAt)).orElseThrow();
                LOG.info("evicting the history of stopped console {}: {} bytes of console history on this host",
                        victim.name, retainedBytes);
                account(largestWithInactive, -victim.dropRing());
                removeIfUnused(victim);
            } else if (largest == null || !trimLargestRing(largest, retainedBytes - target)) {
                return;
            }
        }
    }

    private boolean trimLargestRing(PathConsoles p, long bytes) {
        ConsoleEntry victim = p.entries.values().stream().filter(e -> e.ring != null)
                .max(Comparator.comparingLong(e -> e.ring.retainedBytes())).orElse(null);
        if (victim == null) {
            return false;
        }
        long freed = victim.ring.trimOldest(bytes);
        LOG.info("trimming the history of running console {} by {} bytes: {} bytes of console history on this host",
                victim.name, freed, retainedBytes);
        account(p, -freed);
        return freed > 0;
    }

    /**
     * The inactive consoles with history below {@code prefix}, relative to it, in Albatross's order: its fold
     * visits the subtree in post-order and each path's labels in order, prepending, so the reply is that visit
     * reversed.
     */
    List<Name> inactiveBelow(Path prefix) {
        List<PathConsoles> below = new ArrayList<>();
        for (PathConsoles p : paths.values()) {
            if (prefix.isPrefixOf(p.path)) {
                below.add(p);
            }
        }
        below.sort(Comparator.comparing(p -> p.path, POST_ORDER));
        List<Name> names = new ArrayList<>();
        for (PathConsoles p : below) {
            Path relative = p.path.dropPrefix(prefix);
            for (ConsoleEntry e : p.entries.values()) {
                if (e.hasInactiveHistory()) {
                    names.add(Name.of(relative, e.label));
                }
            }
        }
        Collections.reverse(names);
        return names;
    }
}
