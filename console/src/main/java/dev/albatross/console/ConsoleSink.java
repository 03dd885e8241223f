package dev.albatross.console;

import dev.albatross.protocol.wire.Wire;

/**
 * Where a subscription's messages go: implemented by the daemon's handler of a {@code console.sock} (or TLS)
 * connection. Every message of the subscription goes through {@link #offer}, in order: the reply
 * ({@code Success "subscribed"} / {@code "waiting for VM"}, or the {@code Failure}), then the history, then live
 * lines, each as {@code Data (Console_data)} with the header {subscriber's version, sequence 0, name}.
 *
 * <p>Both methods are called under the registry's lock, possibly from the fifo reader thread: they must not
 * block, and they may call back into the {@link Subscription} (cancel, resume). A Netty channel maps to this
 * directly:
 * <pre>
 *   offer(m)  : if (!channel.isWritable()) return false; channel.writeAndFlush(m); return true;
 *   close(r)  : channel.close();          (for REFUSED, after the offered Failure: writeAndFlush keeps order)
 *   channelWritabilityChanged, now writable : subscription.resume();
 *   channelInactive                         : subscription.cancel();
 * </pre>
 * with the channel's {@code WriteBufferWaterMark} high mark at {@link #PENDING_BYTES_BUDGET}.
 */
public interface ConsoleSink {
    /**
     * 8 KiB of unsent bytes per subscriber (about 14 lines of the longest kind): the ring is the subscriber's real
     * queue, so the sink only needs enough to keep the socket busy. Five subscribers then hold 40 KiB, inside the
     * 64 KiB of console state allowed per unikernel beyond its ring.
     */
    int PENDING_BYTES_BUDGET = 8 * 1024;

    /**
     * Takes {@code message} if the subscriber's pending bytes are within its budget; never blocks. When it
     * answers {@code false} the message was not taken; the registry offers it again after
     * {@link Subscription#resume()} or the next line, and counts the lines the ring overwrote meanwhile.
     */
    boolean offer(Wire message);

    /** Ends the connection; the subscription is already gone. Called at most once. */
    void close(CloseReason reason);

    /** Why the registry ended a subscription. */
    enum CloseReason {
        /** The request was refused; its {@code Failure} was offered just before. */
        REFUSED,
        /** Another subscriber came while {@code maxSubscribers} were connected; the oldest goes (Albatross too). */
        REPLACED,
        /** The console itself was dropped: its path holds more consoles than its policy allows. */
        CONSOLE_DROPPED,
        /** The subscriber took no line for longer than {@link ConsoleLimits#maxSubscriberStall()}. */
        STALLED
    }
}
