package dev.albatross.protocol.wire;

/**
 * A command (spec §5.2):
 * <pre>
 * Command ::= CHOICE {
 *   console     [0] ConsoleCmd,
 *   statistics  [1] StatsCmd,
 *   log         [2] NULL,         -- removed: refused when decoding
 *   unikernel   [3] UnikernelCmd,
 *   policy      [4] PolicyCmd,
 *   block       [5] BlockCmd }
 * </pre>
 */
public sealed interface Command extends Payload permits ConsoleCmd, StatsCmd, UnikernelCmd, PolicyCmd, BlockCmd {
    enum Kind { CONSOLE, STATS, UNIKERNEL, POLICY, BLOCK }

    Kind commandKind();

    @Override
    default Payload.Kind payloadKind() {
        return Payload.Kind.COMMAND;
    }
}
