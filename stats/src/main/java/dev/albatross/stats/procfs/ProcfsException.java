package dev.albatross.stats.procfs;

/** A pseudo-file could not be read or did not have the expected form; the message names the file and the step. */
public class ProcfsException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProcfsException(String message) {
        super(message);
    }

    public ProcfsException(String message, Throwable cause) {
        super(message, cause);
    }
}
