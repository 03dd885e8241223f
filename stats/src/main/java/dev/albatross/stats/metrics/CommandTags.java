package dev.albatross.stats.metrics;

import dev.albatross.protocol.wire.BlockCmd;
import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.ConsoleCmd;
import dev.albatross.protocol.wire.PolicyCmd;
import dev.albatross.protocol.wire.StatsCmd;
import dev.albatross.protocol.wire.UnikernelCmd;
import java.util.Locale;

/** The {@code kind} tag of a command: its group and its alternative, e.g. {@code unikernel_create}. */
final class CommandTags {
    private CommandTags() {
    }

    static String kind(Command c) {
        Enum<?> alternative = switch (c.commandKind()) {
            case CONSOLE -> ((ConsoleCmd) c).kind();
            case STATS -> ((StatsCmd) c).kind();
            case UNIKERNEL -> ((UnikernelCmd) c).kind();
            case POLICY -> ((PolicyCmd) c).kind();
            case BLOCK -> ((BlockCmd) c).kind();
        };
        return (c.commandKind().name() + "_" + alternative.name()).toLowerCase(Locale.ROOT);
    }
}
