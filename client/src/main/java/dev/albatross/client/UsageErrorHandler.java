package dev.albatross.client;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Answers a command line picocli cannot parse as cmdliner does for Albatross: the error, a hint where help is,
 * and exit status 124.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.print(ErrorLine.of(String.valueOf(ex.getMessage())) + "\n");
        err.print("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.\n");
        err.flush();
        return ExitCode.CLI_ERROR.code();
    }
}
