package dev.albatross.tender.net;

import dev.albatross.tender.jna.ErrnoException;
import dev.albatross.tender.jna.NetControlSocket;
import dev.albatross.tender.jna.NetLibC;
import dev.albatross.tender.jna.NetTun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and destroys the taps of unikernels (spec §7.5), named {@code <prefix>N} with the smallest free N.
 *
 * <p>Create: TUNSETIFF with {@code IFF_TUN_EXCL} (an interface that appeared since the scan of
 * {@code /sys/class/net} is skipped, never taken over), TUNSETPERSIST, close; set IFF_UP; SIOCBRADDIF on the
 * bridge. A failing step undoes the earlier ones, so no tap is left behind. Destroy: TUNSETIFF on the name
 * without EXCL, TUNSETPERSIST 0, close; the kernel then removes the tap, provided no tender holds it open.
 *
 * <p>Holds no state besides its configuration: the kernel arbitrates between concurrent callers (and daemons).
 */
public final class TapDevices {
    /** Albatross's prefix (spec §7.5). */
    public static final String DEFAULT_PREFIX = "vmmtap";

    // Each collision means another allocator created our candidate between our scan and our TUNSETIFF; losing
    // this many races in a row means something else is going on, so give up instead of looping.
    private static final int MAX_COLLISIONS = 64;
    private static final int TAP_FLAGS = NetLibC.IFF_TAP | NetLibC.IFF_NO_PI;

    private static final Logger LOG = LoggerFactory.getLogger(TapDevices.class);

    private final String prefix;
    private final NetInterfaces interfaces;

    /** Taps named {@code vmmtapN}, as Albatross names them. */
    public TapDevices() {
        this(DEFAULT_PREFIX, new NetInterfaces());
    }

    /**
     * @param prefix 1 to 14 bytes of valid interface name, not ending in a digit (so that {@code <prefix>N}
     *               reads back unambiguously); tests and parallel daemons use their own
     */
    public TapDevices(String prefix, NetInterfaces interfaces) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty() || !NetInterfaces.isValidName(prefix + "0")
                || Character.isDigit(prefix.charAt(prefix.length() - 1))) {
            throw new IllegalArgumentException("tap prefix must be 1-14 bytes of interface name, not ending in a "
                    + "digit: " + prefix);
        }
        this.prefix = prefix;
        this.interfaces = Objects.requireNonNull(interfaces, "interfaces");
    }

    public String prefix() {
        return prefix;
    }

    /** Creates a tap with the smallest free name, brings it up and attaches it to {@code bridge}. */
    public TapDevice create(String bridge) throws TapException {
        Set<String> existing;
        try {
            existing = interfaces.names();
        } catch (IOException e) {
            throw new TapException("creating tap on bridge " + bridge + ": listing interfaces failed", e);
        }
        return create(bridge, existing);
    }

    /** As {@link #create(String)}, with the interface names already known (a stale list is harmless). */
    TapDevice create(String bridge, Set<String> knownNames) throws TapException {
        if (!NetInterfaces.isValidName(bridge)) {
            throw new TapException("creating tap on bridge " + bridge + ": invalid interface name");
        }
        if (!interfaces.isBridge(bridge)) {
            throw new TapException("creating tap on bridge " + bridge + ": no such bridge");
        }
        String name = createPersistent(bridge, knownNames);
        try {
            int ifIndex = upAndAttach(name, bridge);
            LOG.debug("created tap {} on bridge {}", name, bridge);
            return new TapDevice(name, bridge, ifIndex);
        } catch (TapException e) {
            try {
                destroy(name);
            } catch (TapException undo) {
                e.addSuppressed(undo);
            }
            throw e;
        }
    }

    /** Removes the tap {@code name}; fails if it is not a tun/tap device or some process still holds it open. */
    public void destroy(String name) throws TapException {
        if (!NetInterfaces.isValidName(name)) {
            throw new TapException("destroying tap " + name + ": invalid interface name");
        }
        if (!interfaces.isTunTap(name)) {
            throw new TapException("destroying tap " + name + ": no such tap device");
        }
        NetTun tun = openTun("destroying tap " + name);
        try {
            tun.bind(name, TAP_FLAGS);
            tun.setPersistent(false);
        } catch (ErrnoException e) {
            String hint = e.errno() == NetLibC.EBUSY ? " (still held open by a process)" : "";
            throw new TapException("destroying tap " + name + ": " + e.getMessage() + hint, e);
        } finally {
            release(tun);
        }
        LOG.debug("destroyed tap {}", name);
    }

    /**
     * The tun/tap devices named {@code <prefix>N}, ordered by N: leftovers of an earlier daemon, for cleanup at
     * start. Whether to destroy them is the caller's decision (a tender may still be using one).
     */
    public List<String> leftovers() throws IOException {
        List<String> taps = new ArrayList<>();
        for (String name : interfaces.withPrefix(prefix)) {
            if (number(prefix, name).isPresent() && interfaces.isTunTap(name)) {
                taps.add(name);
            }
        }
        taps.sort(Comparator.comparing((String name) -> number(prefix, name).orElseThrow()));
        return List.copyOf(taps);
    }

    /**
     * The name {@code <prefix>N} with the smallest N ≥ 0 not in {@code taken}, or empty when it would exceed the
     * 15 bytes Linux allows.
     */
    static Optional<String> smallestFree(String prefix, Set<String> taken) {
        for (long n = 0; ; n++) {
            String candidate = prefix + n;
            if (candidate.getBytes(StandardCharsets.UTF_8).length >= NetLibC.IFNAMSIZ) {
                return Optional.empty();
            }
            if (!taken.contains(candidate)) {
                return Optional.of(candidate);
            }
        }
    }

    /** N of a name {@code <prefix>N} (decimal digits only), or empty. */
    static Optional<Long> number(String prefix, String name) {
        if (!name.startsWith(prefix) || name.length() == prefix.length() || name.length() - prefix.length() > 18) {
            return Optional.empty();
        }
        String digits = name.substring(prefix.length());
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return Optional.empty();
            }
        }
        return Optional.of(Long.parseLong(digits));
    }

    /** Creates a persistent, down, unattached tap with the smallest free name and returns that name. */
    private String createPersistent(String bridge, Set<String> knownNames) throws TapException {
        Set<String> taken = new HashSet<>(knownNames);
        for (int collisions = 0; collisions < MAX_COLLISIONS; collisions++) {
            Optional<String> candidate = smallestFree(prefix, taken);
            if (candidate.isEmpty()) {
                break;
            }
            String name = candidate.get();
            if (tryCreatePersistent(name, bridge)) {
                return name;
            }
            taken.add(name);
        }
        throw new TapException("creating tap on bridge " + bridge + ": no free interface name " + prefix + "N");
    }

    /** Creates the persistent tap {@code name}; false if the name is taken (EBUSY or EEXIST). */
    private boolean tryCreatePersistent(String name, String bridge) throws TapException {
        String step = "creating tap " + name + " on bridge " + bridge;
        NetTun tun = openTun(step);
        try {
            tun.bind(name, TAP_FLAGS | NetLibC.IFF_TUN_EXCL);
        } catch (ErrnoException e) {
            release(tun);
            if (e.errno() == NetLibC.EBUSY || e.errno() == NetLibC.EEXIST) {
                LOG.debug("tap name {} is taken, trying the next", name);
                return false;
            }
            throw new TapException(step + ": " + e.getMessage(), e);
        }
        try {
            tun.setPersistent(true);
        } catch (ErrnoException e) {
            throw new TapException(step + ": " + e.getMessage(), e);
        } finally {
            // Without persistence, this close removes the tap again: nothing to undo on failure.
            release(tun);
        }
        return true;
    }

    /** Sets the tap up and makes it a port of the bridge; returns its interface index. */
    private static int upAndAttach(String name, String bridge) throws TapException {
        String step = "creating tap " + name + " on bridge " + bridge;
        NetControlSocket socket;
        try {
            socket = NetControlSocket.open();
        } catch (ErrnoException e) {
            throw new TapException(step + ": opening control socket: " + e.getMessage(), e);
        }
        String subStep = "setting link up";
        try {
            socket.setFlags(name, socket.flags(name) | NetLibC.IFF_UP);
            subStep = "reading interface index";
            int ifIndex = socket.index(name);
            subStep = "attaching to bridge";
            socket.addToBridge(bridge, ifIndex);
            return ifIndex;
        } catch (ErrnoException e) {
            throw new TapException(step + ": " + subStep + ": " + e.getMessage(), e);
        } finally {
            release(socket);
        }
    }

    private static NetTun openTun(String step) throws TapException {
        try {
            return NetTun.open();
        } catch (ErrnoException e) {
            throw new TapException(step + ": opening /dev/net/tun: " + e.getMessage(), e);
        }
    }

    // Close errors are ignored: Linux releases the descriptor even when close(2) reports an error, and neither a
    // tun descriptor nor an ioctl socket has buffered data that could be lost.
    private static void release(NetTun tun) {
        try {
            tun.close();
        } catch (ErrnoException e) {
            LOG.debug("closing /dev/net/tun: {}", e.getMessage());
        }
    }

    private static void release(NetControlSocket socket) {
        try {
            socket.close();
        } catch (ErrnoException e) {
            LOG.debug("closing control socket: {}", e.getMessage());
        }
    }
}
