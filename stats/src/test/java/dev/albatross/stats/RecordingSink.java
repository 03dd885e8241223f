package dev.albatross.stats;

import dev.albatross.protocol.wire.Wire;
import java.util.ArrayList;
import java.util.List;

/** Test sink: records what is offered and closed, and refuses offers when told to (a backed-up connection). */
final class RecordingSink implements StatsSink {
    final List<Wire> messages = new ArrayList<>();
    final List<CloseReason> closes = new ArrayList<>();
    boolean accepting = true;

    @Override
    public boolean offer(Wire message) {
        if (!accepting) {
            return false;
        }
        messages.add(message);
        return true;
    }

    @Override
    public void close(CloseReason reason) {
        closes.add(reason);
    }
}
