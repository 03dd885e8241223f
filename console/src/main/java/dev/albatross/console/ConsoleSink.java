package dev.albatross.console;

import dev.albatross.protocol.der.RawText;
import dev.albatross.protocol.wire.Data;
import dev.albatross.protocol.wire.Header;
import dev.albatross.protocol.wire.Wire;
import java.time.Instant;

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
 *   (faster: offerLine gathers encoded lines in one buffer while it fits the budget; flush writes it)
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

    /** The subscription this sink serves, before anything is offered: for a sink that resumes it itself. */
    default void attached(Subscription subscription) {
    }

    /**
     * Takes {@code message} if the subscriber's pending bytes are within its budget; never blocks. When it
     * answers {@code false} the message was not taken; the registry offers it again after
     * {@link Subscription#resume()} or the next line, and counts the lines the ring overwrote meanwhile.
     */
    boolean offer(Wire message);

    /**
     * As {@link #offer} for the console line {@code line} (its bytes as printed, not to be changed) read at
     * {@code epochSecond} + {@code nano}, to be sent with {@code header}: the hot path, which a sink can serve
     * without building the message (see {@code ConsoleDataWriter}).
     */
    default boolean offerLine(Header header, long epochSecond, int nano, byte[] line) {
        return offer(new Wire(header, new Data.Console(Instant.ofEpochSecond(epochSecond, nano),
                RawText.decode(line))));
    }

    /**
     * The end of a run of offers: a sink that gathers messages sends them now. Called after every run, under the
     * same lock, so a sink may hold what it took until then and no longer. A sink that refused a message while its
     * connection could still take more (its batch was full) must {@link Subscription#resume()} once that batch is
     * sent: nothing else would.
     */
    default void flush() {
    }

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
