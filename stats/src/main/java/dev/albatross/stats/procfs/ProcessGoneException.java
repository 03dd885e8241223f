package dev.albatross.stats.procfs;

/** The process has exited (its {@code /proc} entry vanished) or its pid now names another process. */
public final class ProcessGoneException extends ProcfsException {
    private static final long serialVersionUID = 1L;

    public ProcessGoneException(String message) {
        super(message);
    }
}
