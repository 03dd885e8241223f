package dev.albatross.console;

import dev.albatross.protocol.wire.Data;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of a console's history: its per-console sequence number (1, 2, 3, … for as long as the console is
 * kept, across restarts of its unikernel; a cursor for resuming, not on the wire), when it was read, and its
 * text ({@code RawText}: the printed bytes, losslessly).
 */
public record ConsoleLine(long sequence, Instant timestamp, String text) {
    public ConsoleLine {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(text, "text");
    }

    /** As streamed to subscribers (spec §5.6 {@code console [3]}). */
    public Data.Console toData() {
        return new Data.Console(timestamp, text);
    }
}
