package dev.albatross.daemon.tls;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What every forwarded connection shares: the daemon sockets' directory, the process-wide sequence counter
 * (Albatross's {@code command} ref: one counter for all connections, starting at 0, one step per message sent to
 * a daemon), the limits, and where timings go.
 */
record ForwardSettings(Path utilDir, AtomicLong sequence, TlsLimits limits, Consumer<EndpointTimings> timings) {
    ForwardSettings {
        Objects.requireNonNull(utilDir, "utilDir");
        Objects.requireNonNull(sequence, "sequence");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(timings, "timings");
    }

    Path socket(Route.Daemon daemon) {
        return utilDir.resolve(daemon.socket);
    }
}
