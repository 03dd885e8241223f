package dev.albatross.stats;

import dev.albatross.protocol.wire.Wire;

/**
 * Where the answers to one {@code stat.sock} connection go: implemented by the daemon's handler. Every message
 * goes through {@link #offer}, in order, on the statistics thread: the reply ({@code Success "added" | "removed" |
 * "subscribed"} or a {@code Failure}), then, for a subscriber, one {@code Data (Stats_data)} per unikernel per
 * round with the header {subscriber's version, sequence 0, name relative to the subscriber's path}.
 *
 * <p>Both methods must not block. A Netty channel maps to this directly:
 * <pre>
 *   offer(m)  : if (!channel.isWritable()) return false; channel.writeAndFlush(m); return true;
 *   close(r)  : channel.close();       (for REFUSED, after the offered Failure: writeAndFlush keeps order)
 *   channelInactive : statsService.cancel(sink);
 * </pre>
 */
public interface StatsSink {
    /**
     * Takes {@code message} unless the connection is backed up; never blocks. A subscriber that refuses a message
     * is dropped and closed ({@link CloseReason#TOO_SLOW}), as Albatross drops one whose write fails.
     */
    boolean offer(Wire message);

    /** Ends the connection; its subscriptions are already gone. Called at most once per reason. */
    void close(CloseReason reason);

    /** Why the statistics ended a connection. */
    enum CloseReason {
        /** The request was refused; its {@code Failure} was offered just before (Albatross closes too). */
        REFUSED,
        /** More than the allowed subscribers came for the same name; the oldest goes (Albatross: any previous). */
        REPLACED,
        /** The subscriber refused a message. */
        TOO_SLOW,
        /** The statistics service is closing. */
        SHUTDOWN
    }
}
