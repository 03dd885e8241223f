package dev.albatross.client;

/**
 * The exit statuses of {@code albatross-client} (spec §10.3), the same numbers as Albatross's, so that scripts
 * written for it keep working.
 */
public enum ExitCode {
    SUCCESS(0),
    /** Our own chain is not valid against {@code --server-ca}. */
    CHAIN_FAILURE(116),
    /** The daemon answered with a {@code Failure}. */
    REMOTE_COMMAND_FAILED(117),
    /** {@code update}: an HTTP error. */
    HTTP_ERROR(118),
    /** The server rejected our certificate. */
    LOCAL_AUTHENTICATION_FAILURE(119),
    /** The server's certificate is not valid. */
    REMOTE_AUTHENTICATION_FAILURE(120),
    /** Reading or writing the connection failed (also after {@code --socket -} and {@code --destination -}). */
    COMMUNICATION_FAILURE(121),
    CONNECT_FAILURE(122),
    /** A usage error or unusable input: cmdliner's code for command-line errors. */
    CLI_ERROR(124),
    /** A bug: something that should not happen did. */
    INTERNAL_ERROR(125);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** The process exit status. */
    public int code() {
        return code;
    }
}
