package dev.albatross.daemon.vmmd;

import dev.albatross.protocol.wire.Payload;
import dev.albatross.tender.block.BlockDump;
import dev.albatross.tender.block.BlockUpload;
import java.util.concurrent.CompletableFuture;

/**
 * What a connection does after a command (spec §7.2, Albatross's {@code Loop | End | Wait | ... }); every reply
 * reuses the request's header. The connection handler performs it; the {@link Vmmd} only decides.
 */
public sealed interface Response {

    /** Send {@code reply} and read the next command on the same connection (only {@code Policy_add}). */
    record Continue(Payload reply) implements Response {
    }

    /** Send the reply once it is known (now, or when a tender has exited), then close. */
    record Finish(CompletableFuture<Payload> reply) implements Response {
        public static Finish now(Payload reply) {
            return new Finish(CompletableFuture.completedFuture(reply));
        }
    }

    /**
     * Read raw chunks until the zero-length one into {@code upload}, commit it, then send
     * {@code Success "set block device"} (or a {@code Failure}) and close ({@code Block_set}, spec §2.2).
     */
    record ReceiveStream(BlockUpload upload) implements Response {
    }

    /**
     * Send {@code Success (Block_device_image compressed)}, then every chunk of {@code dump} as
     * {@code Block_data}, then {@code Block_data None} (a {@code Failure} on a read error), and close.
     */
    record SendStream(boolean compressed, BlockDump dump) implements Response {
    }
}
