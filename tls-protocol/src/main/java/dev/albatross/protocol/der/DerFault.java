package dev.albatross.protocol.der;

/**
 * Unwinds a decoder's recursion when input is malformed. Public entry points catch exactly this type and
 * turn it into {@link Decoded.Failed}; any other exception escaping a decoder is a bug (the fuzz test
 * relies on that). Carries no stack trace: it is an expected outcome, not a diagnostic.
 */
public final class DerFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient DecodeError error;

    DerFault(DecodeError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public DecodeError error() {
        return error;
    }
}
