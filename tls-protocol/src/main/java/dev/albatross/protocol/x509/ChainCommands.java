package dev.albatross.protocol.x509;

import dev.albatross.protocol.wire.BlockCmd;
import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.ConsoleCmd;
import dev.albatross.protocol.wire.PolicyCmd;
import dev.albatross.protocol.wire.StatsCmd;
import dev.albatross.protocol.wire.UnikernelCmd;
import java.util.Locale;
import java.util.Optional;

/** What a leaf certificate's command may be, and how refusals name it (spec §6.3 steps 4 and 5). */
final class ChainCommands {
    private static final int MAX_PRINTED = 64;

    private ChainCommands() {
    }

    /**
     * Whether a leaf may carry {@code command} ({@code Vmm_tls.handle}): console subscribe and list-inactive,
     * statistics subscribe, every unikernel and block command, policy info. Policies are installed only through
     * CA certificates; console add and the statistics daemon's own commands never come from a tenant.
     */
    static boolean allowedInLeaf(Command command) {
        return switch (command.commandKind()) {
            case CONSOLE -> switch (((ConsoleCmd) command).kind()) {
                case SUBSCRIBE_SINCE, SUBSCRIBE_COUNT, LIST_INACTIVE -> true;
                case ADD -> false;
            };
            case STATS -> ((StatsCmd) command).kind() == StatsCmd.Kind.SUBSCRIBE;
            case UNIKERNEL, BLOCK -> true;
            case POLICY -> ((PolicyCmd) command).kind() == PolicyCmd.Kind.INFO;
        };
    }

    /**
     * Albatross's refusal of a command that needs a label in a certificate without a common name
     * ({@code Vmm_tls.cert_name}), or empty if the command can act on a path.
     */
    static Optional<String> emptyNameRefusal(Command command) {
        return switch (command.commandKind()) {
            case POLICY -> switch (((PolicyCmd) command).kind()) {
                case ADD -> Optional.of("policy add may not have an empty name");
                case REMOVE -> Optional.of("policy remove may not have an empty name");
                case INFO -> Optional.empty();
            };
            case BLOCK -> switch (((BlockCmd) command).kind()) {
                case ADD -> Optional.of("block add may not have an empty name");
                case OLD_ADD -> Optional.of("old block add may not have an empty name");
                case REMOVE -> Optional.of("block remove may not have an empty name");
                case SET -> Optional.of("block set may not have an empty name");
                case OLD_SET -> Optional.of("old block set may not have an empty name");
                case DUMP, OLD_DUMP -> Optional.of("block dump may not have an empty name");
                case INFO -> Optional.empty();
            };
            case CONSOLE, STATS, UNIKERNEL -> Optional.empty();
        };
    }

    /** A short name such as {@code console add} or {@code unikernel force_create}, never the arguments. */
    static String describe(Command command) {
        String kind = switch (command.commandKind()) {
            case CONSOLE -> ((ConsoleCmd) command).kind().name();
            case STATS -> ((StatsCmd) command).kind().name();
            case UNIKERNEL -> ((UnikernelCmd) command).kind().name();
            case POLICY -> ((PolicyCmd) command).kind().name();
            case BLOCK -> ((BlockCmd) command).kind().name();
        };
        return (command.commandKind().name() + " " + kind).toLowerCase(Locale.ROOT);
    }

    /** {@code text} with anything but printable ASCII escaped, cut at 64 characters, for a log line. */
    static String printable(String text) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < text.length() && i < MAX_PRINTED; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                s.append(c);
            } else {
                s.append(String.format("\\u%04x", (int) c));
            }
        }
        return text.length() > MAX_PRINTED ? s + "..." : s.toString();
    }
}
