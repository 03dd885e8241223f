package dev.albatross.client;

import picocli.CommandLine;

/**
 * The last resort for an exception a command did not expect, which is a bug: one line naming it, no stack
 * trace (operators read this output; the stack trace would bury the message), and exit status 125.
 */
final class InternalErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        cmd.getErr().print(ErrorLine.of("internal error: " + ex) + "\n");
        cmd.getErr().flush();
        return ExitCode.INTERNAL_ERROR.code();
    }
}
