package dev.albatross.stats;

import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.Data;
import java.util.Objects;

/** One unikernel's statistics of one round, under its full name. */
public record Sample(Name name, Data.Statistics statistics) {
    public Sample {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(statistics, "statistics");
    }
}
