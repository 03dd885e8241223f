package dev.albatross.stats.netlink;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The counters of every interface of this network namespace, from one {@code RTM_GETLINK} dump per call.
 * Owned by the collector thread; the socket stays open across rounds and is reopened after a failure.
 */
public final class LinkDump implements AutoCloseable {
    /** {@code IFNAMSIZ} from linux/if.h: names are shorter than this. */
    static final int IFNAMSIZ = 16;
    /** A dump whose answer the kernel flags as inconsistent (links changed meanwhile) is retried this often. */
    static final int ATTEMPTS = 2;

    private RouteSocket socket;
    private int sequence;

    private LinkDump(RouteSocket socket) {
        this.socket = socket;
    }

    public static LinkDump open() throws NetlinkException {
        return new LinkDump(RouteSocket.open());
    }

    /** Every link, keyed by ifindex. */
    public Map<Integer, LinkCounters> dump() throws NetlinkException {
        Map<Integer, LinkCounters> links = new HashMap<>();
        for (int attempt = 1; ; attempt++) {
            links.clear();
            if (!dumpOnce(links) || attempt == ATTEMPTS) {
                return links;
            }
        }
    }

    /** Runs one dump into {@code links}; true if the kernel flagged it as interrupted. */
    private boolean dumpOnce(Map<Integer, LinkCounters> links) throws NetlinkException {
        if (socket == null) {
            socket = RouteSocket.open();
        }
        int seq = ++sequence;
        try {
            socket.send(RtnetlinkParser.request(seq));
            boolean interrupted = false;
            while (true) {
                ByteBuffer answer = socket.receive();
                RtnetlinkParser.Progress p = RtnetlinkParser.parse(answer, seq, links);
                interrupted |= p.interrupted();
                if (p.done()) {
                    return interrupted;
                }
            }
        } catch (NetlinkException e) {
            // The rest of this dump may still be queued on the socket: start afresh next time.
            socket.close();
            socket = null;
            throw e;
        }
    }

    /**
     * The ifindex of interface {@code name} ({@code if_nametoindex}), or empty if there is none or the name
     * cannot be an interface name (Linux's {@code dev_valid_name}).
     */
    public static OptionalInt ifIndex(String name) {
        if (!validName(name)) {
            return OptionalInt.empty();
        }
        // Native: net/if.h if_nametoindex; JNA passes a NUL-terminated copy; returns 0 if there is no such link.
        int index = NetlinkLibC.libc().if_nametoindex(name);
        return index > 0 ? OptionalInt.of(index) : OptionalInt.empty();
    }

    static boolean validName(String name) {
        if (name.isEmpty() || name.length() >= IFNAMSIZ || name.equals(".") || name.equals("..")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7F || c == '/' || c == ':') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }
}
