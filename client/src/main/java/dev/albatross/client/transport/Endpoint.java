package dev.albatross.client.transport;

import dev.albatross.protocol.wire.BlockCmd;
import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.ConsoleCmd;
import dev.albatross.protocol.wire.StatsCmd;

/**
 * Which daemon a command goes to and how many replies it gets ({@code Vmm_commands.endpoint}, spec §5.7).
 */
public record Endpoint(Service service, ReplyMode mode) {
    /** The daemons, by the name of their socket under {@code <tmpdir>/util/}. */
    public enum Service {
        VMMD("vmmd"), CONSOLE("console"), STATS("stat");

        private final String socketName;

        Service(String socketName) {
            this.socketName = socketName;
        }

        /** {@code vmmd.sock}, {@code console.sock}, {@code stat.sock} (sic). */
        public String socketFile() {
            return socketName + ".sock";
        }
    }

    /** One reply; data until the end of the stream; or a block dump ending with an empty block data message. */
    public enum ReplyMode { SINGLE, READ, DUMP }

    public static Endpoint of(Command command) {
        return switch (command.commandKind()) {
            case UNIKERNEL, POLICY -> new Endpoint(Service.VMMD, ReplyMode.SINGLE);
            case BLOCK -> new Endpoint(Service.VMMD,
                    ((BlockCmd) command).kind() == BlockCmd.Kind.DUMP ? ReplyMode.DUMP : ReplyMode.SINGLE);
            case STATS -> new Endpoint(Service.STATS,
                    ((StatsCmd) command).kind() == StatsCmd.Kind.SUBSCRIBE ? ReplyMode.READ : ReplyMode.SINGLE);
            case CONSOLE -> new Endpoint(Service.CONSOLE,
                    ((ConsoleCmd) command).kind() == ConsoleCmd.Kind.LIST_INACTIVE ? ReplyMode.SINGLE
                            : ReplyMode.READ);
        };
    }
}
