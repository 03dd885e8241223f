package dev.albatross.tender.process;

import java.io.IOException;

/**
 * No usable solo5-hvt was found for an image. {@link #getMessage()} names host paths and is for the log;
 * {@link #safeMessage()} may reach a tenant.
 */
public final class TenderLookupException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String safeMessage;

    TenderLookupException(String message, String safeMessage) {
        super(message);
        this.safeMessage = safeMessage;
    }

    /** The reason without host paths, e.g. "no solo5-hvt tender found for ABI 2". */
    public String safeMessage() {
        return safeMessage;
    }
}
