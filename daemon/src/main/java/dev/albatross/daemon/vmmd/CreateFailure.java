package dev.albatross.daemon.vmmd;

/** Why a unikernel could not be created, in words for the tenant (a {@code Failure} reply). */
public final class CreateFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public CreateFailure(String message) {
        super(message, null, false, false);
    }

    public CreateFailure(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
