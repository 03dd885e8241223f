package dev.albatross.stats.netlink;

/** A netlink call or message failed; the message names the step and, for a failed call, the errno. */
public final class NetlinkException extends Exception {
    private static final long serialVersionUID = 1L;

    public NetlinkException(String message) {
        super(message);
    }
}
