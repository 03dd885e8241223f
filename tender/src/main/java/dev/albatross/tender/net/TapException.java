package dev.albatross.tender.net;

import java.io.IOException;

/**
 * Creating or destroying a tap failed. The message names the step and the object and may reach the tenant,
 * e.g. "creating tap vmmtap3 on bridge br0: Operation not permitted"; host paths stay in the cause.
 */
public final class TapException extends IOException {
    private static final long serialVersionUID = 1L;

    TapException(String message) {
        super(message);
    }

    TapException(String message, Throwable cause) {
        super(message, cause);
    }
}
