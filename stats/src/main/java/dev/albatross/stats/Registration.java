package dev.albatross.stats;

import dev.albatross.protocol.name.Name;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A unikernel whose statistics are gathered: its tender's pid, its resolved interfaces in {@code Stats_add} order,
 * and the process start time (stat field 22) seen at the first reading, which tells a reused pid from the tender.
 */
record Registration(Name name, int pid, List<Link> links, OptionalLong startTimeTicks) {
    Registration {
        Objects.requireNonNull(name, "name");
        links = List.copyOf(links);
        Objects.requireNonNull(startTimeTicks, "startTimeTicks");
    }

    Registration withStartTimeTicks(long ticks) {
        return new Registration(name, pid, links, OptionalLong.of(ticks));
    }
}
