package dev.albatross.stats;

import dev.albatross.protocol.name.Name;
import java.util.Objects;

/** A {@code Stats_subscribe}: the name it was sent for, the wire version to answer with, and where data goes. */
record Subscriber(Name name, int version, StatsSink sink) {
    Subscriber {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sink, "sink");
    }
}
