package dev.albatross.client;

/**
 * A command's arguments cannot be used (cmdliner's {@code term_result} error): printed to standard error as
 * {@code albatross-client: <message>}, exit status 124.
 */
public final class CliError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CliError(String message) {
        super(message, null, false, false);
    }
}
