package dev.albatross.client;

import picocli.CommandLine;

/**
 * Ends a command that threw: a {@link CliError} is a usage problem found while running (exit 124, its message on
 * one line, as cmdliner prints a term's error); anything else is a bug: one line naming it, no stack trace
 * (operators read this output; the stack trace would bury the message), and exit status 125.
 */
final class InternalErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        if (ex instanceof CliError) {
            cmd.getErr().print(ErrorLine.of(ex.getMessage()) + "\n");
            cmd.getErr().flush();
            return ExitCode.CLI_ERROR.code();
        }
        cmd.getErr().print(ErrorLine.of("internal error: " + ex) + "\n");
        cmd.getErr().flush();
        return ExitCode.INTERNAL_ERROR.code();
    }
}
