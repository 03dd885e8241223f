package dev.albatross.protocol.wire;

import dev.albatross.protocol.der.DerNode;
import dev.albatross.protocol.der.DerReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Commands (spec §5.2): the Command CHOICE and its console, statistics, policy and block groups; unikernel
 * commands are in {@link UnikernelCmdCodec}. Public because the certificate extension ({@code protocol.x509})
 * carries a bare command.
 */
public final class CommandCodec {
    private CommandCodec() {
    }

    /** {@code Command}: the group's explicit tag around the group's own CHOICE. */
    public static DerNode node(Command cmd) {
        return switch (cmd.commandKind()) {
            case CONSOLE -> DerNode.context(0, console((ConsoleCmd) cmd));
            case STATS -> DerNode.context(1, stats((StatsCmd) cmd));
            case UNIKERNEL -> DerNode.context(3, UnikernelCmdCodec.node((UnikernelCmd) cmd));
            case POLICY -> DerNode.context(4, policy((PolicyCmd) cmd));
            case BLOCK -> DerNode.context(5, block((BlockCmd) cmd));
        };
    }

    public static Command read(DerReader in) {
        int tag = in.peekTag();
        Command cmd;
        switch (tag) {
            case 0xA0 -> {
                in.enterContext(0, "console");
                cmd = console(in);
            }
            case 0xA1 -> {
                in.enterContext(1, "statistics");
                cmd = stats(in);
            }
            case 0xA2 -> throw in.fault("log", "support for log dropped");
            case 0xA3 -> {
                in.enterContext(3, "unikernel");
                cmd = UnikernelCmdCodec.read(in);
            }
            case 0xA4 -> {
                in.enterContext(4, "policy");
                cmd = policy(in);
            }
            case 0xA5 -> {
                in.enterContext(5, "block");
                cmd = block(in);
            }
            default -> throw in.fault("Command", "unknown command tag 0x" + Integer.toHexString(tag));
        }
        in.leave();
        return cmd;
    }

    // ---- console -----------------------------------------------------------------------------------------

    static DerNode console(ConsoleCmd cmd) {
        return switch (cmd.kind()) {
            case ADD -> DerNode.context(0, DerNode.integer(((ConsoleCmd.Add) cmd).maxConsoles()));
            case SUBSCRIBE_SINCE -> DerNode.context(2,
                    DerNode.context(0, DerNode.time(((ConsoleCmd.SubscribeSince) cmd).since())));
            case SUBSCRIBE_COUNT -> DerNode.context(2,
                    DerNode.context(1, DerNode.integer(((ConsoleCmd.SubscribeCount) cmd).count())));
            case LIST_INACTIVE -> DerNode.context(3, DerNode.nul());
        };
    }

    static ConsoleCmd console(DerReader in) {
        int tag = in.peekTag();
        ConsoleCmd cmd;
        switch (tag) {
            case 0xA0 -> {
                in.enterContext(0, "add");
                cmd = new ConsoleCmd.Add(in.integer("INTEGER"));
            }
            case 0xA2 -> {
                in.enterContext(2, "subscribe");
                if (in.peekContext(0)) {
                    in.enterContext(0, "since");
                    cmd = new ConsoleCmd.SubscribeSince(in.time("GeneralizedTime"));
                } else if (in.peekContext(1)) {
                    in.enterContext(1, "count");
                    cmd = new ConsoleCmd.SubscribeCount(in.integer("INTEGER"));
                } else {
                    throw in.fault("subscribe", "expected [0] since or [1] count");
                }
                in.leave();
            }
            case 0xA3 -> {
                in.enterContext(3, "list-inactive");
                in.nul("NULL");
                cmd = new ConsoleCmd.ListInactive();
            }
            default -> throw in.fault("ConsoleCmd", "unknown console command tag 0x" + Integer.toHexString(tag));
        }
        in.leave();
        return cmd;
    }

    // ---- statistics --------------------------------------------------------------------------------------

    static DerNode stats(StatsCmd cmd) {
        return switch (cmd.kind()) {
            case ADD -> {
                StatsCmd.Add add = (StatsCmd.Add) cmd;
                List<DerNode> network = new ArrayList<>(add.network().size());
                for (StatsCmd.Interface i : add.network()) {
                    network.add(DerNode.sequence(DerNode.utf8(i.netif()), DerNode.utf8(i.tap())));
                }
                yield DerNode.context(0, DerNode.sequence(DerNode.utf8(add.vmmdev()), DerNode.integer(add.pid()),
                        DerNode.sequence(network)));
            }
            case REMOVE -> DerNode.context(1, DerNode.nul());
            case SUBSCRIBE -> DerNode.context(2, DerNode.nul());
            case INITIAL -> DerNode.context(3, DerNode.nul());
        };
    }

    static StatsCmd stats(DerReader in) {
        int tag = in.peekTag();
        StatsCmd cmd;
        switch (tag) {
            case 0xA0 -> {
                in.enterContext(0, "add");
                in.enter(DerReader.SEQUENCE, "SEQUENCE");
                String vmmdev = in.utf8("vmmdev");
                int pid = in.intIn("pid", Integer.MIN_VALUE, Integer.MAX_VALUE);
                in.enter(DerReader.SEQUENCE, "network");
                List<StatsCmd.Interface> network = new ArrayList<>();
                while (in.hasNextElement()) {
                    in.enter(DerReader.SEQUENCE, "element");
                    network.add(new StatsCmd.Interface(in.utf8("bridge"), in.utf8("tap")));
                    in.leave();
                }
                in.leave();
                in.leave();
                cmd = new StatsCmd.Add(vmmdev, pid, network);
            }
            case 0xA1 -> {
                in.enterContext(1, "remove");
                in.nul("NULL");
                cmd = new StatsCmd.Remove();
            }
            case 0xA2 -> {
                in.enterContext(2, "subscribe");
                in.nul("NULL");
                cmd = new StatsCmd.Subscribe();
            }
            case 0xA3 -> {
                in.enterContext(3, "initial");
                in.nul("NULL");
                cmd = new StatsCmd.Initial();
            }
            default -> throw in.fault("StatsCmd", "unknown statistics command tag 0x" + Integer.toHexString(tag));
        }
        in.leave();
        return cmd;
    }

    // ---- policy ------------------------------------------------------------------------------------------

    static DerNode policy(PolicyCmd cmd) {
        return switch (cmd.kind()) {
            case INFO -> DerNode.context(0, DerNode.nul());
            case ADD -> DerNode.context(1, PolicyCodec.node(((PolicyCmd.Add) cmd).policy()));
            case REMOVE -> DerNode.context(2, DerNode.nul());
        };
    }

    static PolicyCmd policy(DerReader in) {
        int tag = in.peekTag();
        PolicyCmd cmd;
        switch (tag) {
            case 0xA0 -> {
                in.enterContext(0, "info");
                in.nul("NULL");
                cmd = new PolicyCmd.Info();
            }
            case 0xA1 -> {
                in.enterContext(1, "add");
                cmd = new PolicyCmd.Add(PolicyCodec.read(in));
            }
            case 0xA2 -> {
                in.enterContext(2, "remove");
                in.nul("NULL");
                cmd = new PolicyCmd.Remove();
            }
            default -> throw in.fault("PolicyCmd", "unknown policy command tag 0x" + Integer.toHexString(tag));
        }
        in.leave();
        return cmd;
    }

    // ---- block -------------------------------------------------------------------------------------------

    static DerNode block(BlockCmd cmd) {
        return switch (cmd.kind()) {
            case INFO -> DerNode.context(0, DerNode.nul());
            case ADD -> DerNode.context(1, DerNode.integer(((BlockCmd.Add) cmd).sizeMb()));
            case REMOVE -> DerNode.context(2, DerNode.nul());
            case OLD_ADD -> {
                BlockCmd.OldAdd add = (BlockCmd.OldAdd) cmd;
                List<DerNode> f = new ArrayList<>(3);
                f.add(DerNode.integer(add.sizeMb()));
                f.add(DerNode.bool(add.compressed()));
                add.data().ifPresent(d -> f.add(DerNode.octets(d)));
                yield DerNode.context(3, DerNode.sequence(f));
            }
            case OLD_SET -> {
                BlockCmd.OldSet set = (BlockCmd.OldSet) cmd;
                yield DerNode.context(4, DerNode.sequence(DerNode.bool(set.compressed()), DerNode.octets(set.data())));
            }
            case OLD_DUMP -> DerNode.context(5, DerNode.integer(((BlockCmd.OldDump) cmd).level()));
            case DUMP -> DerNode.context(6, DerNode.integer(((BlockCmd.Dump) cmd).level()));
            case SET -> DerNode.context(7, DerNode.bool(((BlockCmd.Set) cmd).compressed()));
        };
    }

    static BlockCmd block(DerReader in) {
        int tag = in.peekTag();
        BlockCmd cmd;
        switch (tag) {
            case 0xA0 -> {
                in.enterContext(0, "info");
                in.nul("NULL");
                cmd = new BlockCmd.Info();
            }
            case 0xA1 -> {
                in.enterContext(1, "add");
                cmd = new BlockCmd.Add(Primitives.int32Checked(in, "size"));
            }
            case 0xA2 -> {
                in.enterContext(2, "remove");
                in.nul("NULL");
                cmd = new BlockCmd.Remove();
            }
            case 0xA3 -> {
                in.enterContext(3, "add-OLD");
                in.enter(DerReader.SEQUENCE, "SEQUENCE");
                int size = Primitives.int32Checked(in, "size");
                boolean compressed = in.bool("compress");
                Optional<dev.albatross.protocol.der.Bytes> data = in.peekTag() == DerReader.OCTET_STRING
                        ? Optional.of(in.octets("data")) : Optional.empty();
                in.leave();
                cmd = new BlockCmd.OldAdd(size, compressed, data);
            }
            case 0xA4 -> {
                in.enterContext(4, "set-OLD");
                in.enter(DerReader.SEQUENCE, "SEQUENCE");
                boolean compressed = in.bool("compress");
                cmd = new BlockCmd.OldSet(compressed, in.octets("data"));
                in.leave();
            }
            case 0xA5 -> {
                in.enterContext(5, "dump-OLD");
                cmd = new BlockCmd.OldDump(Primitives.int32Checked(in, "level"));
            }
            case 0xA6 -> {
                in.enterContext(6, "dump");
                cmd = new BlockCmd.Dump(Primitives.int32Checked(in, "level"));
            }
            case 0xA7 -> {
                in.enterContext(7, "set");
                cmd = new BlockCmd.Set(in.bool("compress"));
            }
            default -> throw in.fault("BlockCmd", "unknown block command tag 0x" + Integer.toHexString(tag));
        }
        in.leave();
        return cmd;
    }
}
