package dev.albatross.daemon.tls;

import dev.albatross.protocol.wire.BlockCmd;
import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.ConsoleCmd;
import dev.albatross.protocol.wire.StatsCmd;
import dev.albatross.protocol.wire.UnikernelCmd;

/**
 * Where a command goes and how many replies it gets (spec §5.7, {@code Vmm_commands.endpoint}), and whether the
 * client streams data after it.
 */
record Route(Daemon daemon, Replies replies) {
    /** The daemon socket, under {@code <tmpdir>/util/}. */
    enum Daemon {
        VMMD("vmmd.sock"), CONSOLE("console.sock"), STATS("stat.sock");

        final String socket;

        Daemon(String socket) {
            this.socket = socket;
        }
    }

    /** One reply; every reply until {@code Block_data None} or the daemon closes (read and dump alike). */
    enum Replies { SINGLE, STREAM }

    static Route of(Command command) {
        return switch (command.commandKind()) {
            case UNIKERNEL, POLICY -> new Route(Daemon.VMMD, Replies.SINGLE);
            case BLOCK -> new Route(Daemon.VMMD,
                    ((BlockCmd) command).kind() == BlockCmd.Kind.DUMP ? Replies.STREAM : Replies.SINGLE);
            case STATS -> new Route(Daemon.STATS,
                    ((StatsCmd) command).kind() == StatsCmd.Kind.SUBSCRIBE ? Replies.STREAM : Replies.SINGLE);
            case CONSOLE -> new Route(Daemon.CONSOLE,
                    ((ConsoleCmd) command).kind() == ConsoleCmd.Kind.LIST_INACTIVE ? Replies.SINGLE : Replies.STREAM);
        };
    }

    /**
     * Whether the client sends a raw chunk stream for the daemon after the command ({@code Block_set}, spec §11
     * step 6).
     *
     * <p>Compat §13.2 #18: Albatross also streams for the legacy {@code Old_block_set} with empty data and
     * {@code Old_block_add} with {@code Some ""}, which albatrossd never reads. We forward those as the single
     * commands they are, with their inline data.
     */
    static boolean uploadsBlock(Command command) {
        return command instanceof BlockCmd b && b.kind() == BlockCmd.Kind.SET;
    }

    /** Whether the client streams the image after the handshake ({@code create} with an empty image, step 2). */
    static boolean uploadsImage(Command command) {
        if (command instanceof UnikernelCmd.Create c) {
            return c.config().image().isEmpty();
        }
        return command instanceof UnikernelCmd.ForceCreate f && f.config().image().isEmpty();
    }
}
