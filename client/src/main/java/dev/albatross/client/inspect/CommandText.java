package dev.albatross.client.inspect;

import dev.albatross.protocol.wire.BlockCmd;
import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.ConsoleCmd;
import dev.albatross.protocol.wire.PolicyCmd;
import dev.albatross.protocol.wire.StatsCmd;
import dev.albatross.protocol.wire.UnikernelCmd;

/**
 * Commands (spec §5.2): {@code command: <group> <alternative>}, then the command's fields one level deeper.
 * Every switch is a switch expression over a {@code Kind} without {@code default}, so an alternative added to
 * the grammar does not compile until it is shown here.
 */
final class CommandText {
    private CommandText() {
    }

    /** Writes the command and returns the view holding its fields. */
    static Lines command(Lines out, Command cmd) {
        return switch (cmd.commandKind()) {
            case CONSOLE -> console(out, (ConsoleCmd) cmd);
            case STATS -> stats(out, (StatsCmd) cmd);
            case UNIKERNEL -> unikernel(out, (UnikernelCmd) cmd);
            case POLICY -> policy(out, (PolicyCmd) cmd);
            case BLOCK -> block(out, (BlockCmd) cmd);
        };
    }

    private static Lines title(Lines out, String group, String alternative) {
        return out.titled("command", group + " " + alternative);
    }

    private static Lines console(Lines out, ConsoleCmd cmd) {
        return switch (cmd.kind()) {
            case ADD -> title(out, "console", "add").field("max-consoles", ((ConsoleCmd.Add) cmd).maxConsoles());
            case SUBSCRIBE_SINCE -> title(out, "console", "subscribe")
                    .field("since", FieldText.time(((ConsoleCmd.SubscribeSince) cmd).since()));
            case SUBSCRIBE_COUNT -> title(out, "console", "subscribe")
                    .field("count", ((ConsoleCmd.SubscribeCount) cmd).count());
            case LIST_INACTIVE -> title(out, "console", "list-inactive");
        };
    }

    private static Lines stats(Lines out, StatsCmd cmd) {
        return switch (cmd.kind()) {
            case ADD -> statsAdd(title(out, "statistics", "add"), (StatsCmd.Add) cmd);
            case REMOVE -> title(out, "statistics", "remove");
            case SUBSCRIBE -> title(out, "statistics", "subscribe");
            case INITIAL -> title(out, "statistics", "initial");
        };
    }

    private static Lines statsAdd(Lines out, StatsCmd.Add add) {
        out.field("vmmdev", FieldText.quoted(add.vmmdev()));
        out.field("pid", add.pid());
        if (add.network().isEmpty()) {
            return out.field("network", FieldText.NONE);
        }
        out.field("network", add.network().size());
        for (StatsCmd.Interface i : add.network()) {
            out.entry().field("bridge", FieldText.quoted(i.netif())).field("tap", FieldText.quoted(i.tap()));
        }
        return out;
    }

    private static Lines unikernel(Lines out, UnikernelCmd cmd) {
        return switch (cmd.kind()) {
            case DESTROY -> title(out, "unikernel", "destroy");
            case CREATE -> {
                UnikernelCmd.Create create = (UnikernelCmd.Create) cmd;
                Lines fields = title(out, "unikernel", "create").field("config-version", create.format().name());
                ConfigText.config(fields, create.config());
                yield fields;
            }
            case FORCE_CREATE -> {
                UnikernelCmd.ForceCreate create = (UnikernelCmd.ForceCreate) cmd;
                Lines fields = title(out, "unikernel", "force-create").field("config-version", create.format().name());
                ConfigText.config(fields, create.config());
                yield fields;
            }
            case GET -> title(out, "unikernel", "get").field("compression-level", ((UnikernelCmd.Get) cmd).level());
            case RESTART -> restart(title(out, "unikernel", "restart"), (UnikernelCmd.Restart) cmd);
            case OLD_INFO4 -> title(out, "unikernel", "info-OLD4");
            case OLD_INFO5 -> title(out, "unikernel", "info-OLD5");
            case INFO -> title(out, "unikernel", "info");
        };
    }

    private static Lines restart(Lines out, UnikernelCmd.Restart restart) {
        if (restart.arguments().isEmpty()) {
            return out.field("arguments", FieldText.absent("restart with the unchanged configuration"));
        }
        String format = switch (restart.format()) {
            case V0 -> "V0";
            case V1 -> "V1";
            case CURRENT -> "current";
        };
        ConfigText.arguments(out.titled("arguments", "given, format " + format), restart.arguments().get());
        return out;
    }

    private static Lines policy(Lines out, PolicyCmd cmd) {
        return switch (cmd.kind()) {
            case INFO -> title(out, "policy", "info");
            case ADD -> {
                Lines fields = title(out, "policy", "add");
                ConfigText.policy(fields, ((PolicyCmd.Add) cmd).policy());
                yield fields;
            }
            case REMOVE -> title(out, "policy", "remove");
        };
    }

    private static Lines block(Lines out, BlockCmd cmd) {
        return switch (cmd.kind()) {
            case INFO -> title(out, "block", "info");
            case ADD -> title(out, "block", "add").field("size", FieldText.megabytes(((BlockCmd.Add) cmd).sizeMb()));
            case REMOVE -> title(out, "block", "remove");
            case OLD_ADD -> {
                BlockCmd.OldAdd add = (BlockCmd.OldAdd) cmd;
                Lines fields = title(out, "block", "add-OLD").field("size", FieldText.megabytes(add.sizeMb()))
                        .field("compress", String.valueOf(add.compressed()));
                if (add.data().isPresent()) {
                    InflatedImage.describe(fields, "data", add.compressed(), add.data().get());
                } else {
                    fields.field("data", FieldText.ABSENT);
                }
                yield fields;
            }
            case OLD_SET -> {
                BlockCmd.OldSet set = (BlockCmd.OldSet) cmd;
                Lines fields = title(out, "block", "set-OLD").field("compress", String.valueOf(set.compressed()));
                InflatedImage.describe(fields, "data", set.compressed(), set.data());
                yield fields;
            }
            case OLD_DUMP -> title(out, "block", "dump-OLD")
                    .field("compression-level", ((BlockCmd.OldDump) cmd).level());
            case DUMP -> title(out, "block", "dump").field("compression-level", ((BlockCmd.Dump) cmd).level());
            case SET -> title(out, "block", "set")
                    .field("compressed", String.valueOf(((BlockCmd.Set) cmd).compressed()));
        };
    }
}
