package dev.albatross.client.output;

import dev.albatross.protocol.wire.BlockCmd;
import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.ConsoleCmd;
import dev.albatross.protocol.wire.PolicyCmd;
import dev.albatross.protocol.wire.StatsCmd;
import dev.albatross.protocol.wire.UnikernelCmd;
import java.util.stream.Collectors;

/** {@code Vmm_commands.pp ~verbose}: a command as Albatross describes it ("console subscribe number 20", …). */
public final class CommandText {
    private CommandText() {
    }

    public static void command(PrettyPrinter p, Command c, boolean verbose) {
        switch (c.commandKind()) {
            case CONSOLE -> p.text(console((ConsoleCmd) c));
            case STATS -> p.text(stats((StatsCmd) c));
            case UNIKERNEL -> unikernel(p, (UnikernelCmd) c, verbose);
            case POLICY -> p.text(policy((PolicyCmd) c));
            case BLOCK -> p.text(block((BlockCmd) c));
        }
    }

    private static String console(ConsoleCmd c) {
        return switch (c.kind()) {
            case ADD -> "console add (max unikernels " + Long.toUnsignedString(((ConsoleCmd.Add) c).maxConsoles())
                    + ")";
            case SUBSCRIBE_SINCE -> "console subscribe since "
                    + OcamlText.rfc3339(((ConsoleCmd.SubscribeSince) c).since());
            case SUBSCRIBE_COUNT -> "console subscribe number " + ((ConsoleCmd.SubscribeCount) c).count();
            case LIST_INACTIVE -> "console list inactive available ringbuffers";
        };
    }

    private static String stats(StatsCmd c) {
        return switch (c.kind()) {
            case ADD -> {
                StatsCmd.Add a = (StatsCmd.Add) c;
                yield "stats add: vmm device " + a.vmmdev() + " pid " + a.pid() + " taps "
                        + a.network().stream().map(i -> i.netif() + ": " + i.tap()).collect(Collectors.joining(", "));
            }
            case REMOVE -> "stat remove";
            case SUBSCRIBE -> "stat subscribe";
            case INITIAL -> "stat initial";
        };
    }

    private static void unikernel(PrettyPrinter p, UnikernelCmd c, boolean verbose) {
        switch (c.kind()) {
            case INFO -> p.text("unikernel info");
            case CREATE -> {
                p.text("unikernel create ");
                UnikernelText.config(p, ((UnikernelCmd.Create) c).config(), verbose);
            }
            case FORCE_CREATE -> {
                p.text("unikernel force create ");
                UnikernelText.config(p, ((UnikernelCmd.ForceCreate) c).config(), verbose);
            }
            case RESTART -> {
                p.text("unikernel restart");
                ((UnikernelCmd.Restart) c).arguments().ifPresent(a -> {
                    p.text(" ");
                    UnikernelText.arguments(p, a, verbose);
                });
            }
            case DESTROY -> p.text("unikernel destroy");
            case GET -> p.text("unikernel get compress level " + ((UnikernelCmd.Get) c).level());
            case OLD_INFO4 -> p.text("old unikernel info4");
            case OLD_INFO5 -> p.text("old unikernel info5");
        }
    }

    private static String policy(PolicyCmd c) {
        return switch (c.kind()) {
            case INFO -> "policy info";
            case ADD -> "policy add " + UnikernelText.policy(((PolicyCmd.Add) c).policy());
            case REMOVE -> "policy remove";
        };
    }

    private static String block(BlockCmd c) {
        return switch (c.kind()) {
            case INFO -> "block info";
            case REMOVE -> "block remove";
            case OLD_ADD -> {
                BlockCmd.OldAdd a = (BlockCmd.OldAdd) c;
                yield "old block add " + a.sizeMb() + " (compressed " + OcamlText.bool(a.compressed()) + " data "
                        + a.data().map(d -> Integer.toString(d.length())).orElse("no data") + ")";
            }
            case OLD_SET -> {
                BlockCmd.OldSet s = (BlockCmd.OldSet) c;
                yield "old block set compressed " + OcamlText.bool(s.compressed()) + " " + s.data().length()
                        + " bytes";
            }
            case DUMP -> "block dump, compress level " + ((BlockCmd.Dump) c).level();
            case OLD_DUMP -> "old block dump, compress level " + ((BlockCmd.OldDump) c).level();
            case ADD -> "block add " + ((BlockCmd.Add) c).sizeMb();
            case SET -> "block set compressed " + OcamlText.bool(((BlockCmd.Set) c).compressed());
        };
    }
}
