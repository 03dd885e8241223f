package dev.albatross.tender.net;

import dev.albatross.tender.jna.ErrnoException;
import dev.albatross.tender.jna.NetControlSocket;
import dev.albatross.tender.jna.NetLibC;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The network interfaces of this host's network namespace, read from {@code /sys/class/net}: which exist, which
 * are bridges (a {@code bridge} directory), which are tun/tap devices (a {@code tun_flags} attribute).
 *
 * <p>Names that the kernel would refuse are never turned into paths, so a tenant's bridge name such as
 * {@code ../..} cannot reach outside {@code /sys/class/net}.
 */
public final class NetInterfaces {
    private static final Path SYS_CLASS_NET = Path.of("/sys/class/net");

    private final Path root;

    /** The interfaces of the real {@code /sys/class/net}. */
    public NetInterfaces() {
        this(SYS_CLASS_NET);
    }

    NetInterfaces(Path root) {
        this.root = root;
    }

    /**
     * Whether the kernel accepts {@code name} as an interface name ({@code dev_valid_name} in net/core/dev.c):
     * 1 to 15 bytes, not "." or "..", without '/', ':', NUL or whitespace.
     */
    public static boolean isValidName(String name) {
        int length = name.getBytes(StandardCharsets.UTF_8).length;
        if (length == 0 || length >= NetLibC.IFNAMSIZ || name.equals(".") || name.equals("..")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == ':' || c == '\0' || c == ' ' || (c >= '\t' && c <= '\r')) {
                return false;
            }
        }
        return true;
    }

    /** All interface names, sorted. */
    public Set<String> names() throws IOException {
        Set<String> names = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                names.add(entry.getFileName().toString());
            }
        }
        return names;
    }

    public boolean exists(String name) {
        return isValidName(name) && Files.exists(root.resolve(name), LinkOption.NOFOLLOW_LINKS);
    }

    public boolean isBridge(String name) {
        return isValidName(name) && Files.isDirectory(root.resolve(name).resolve("bridge"));
    }

    /** Whether {@code name} is a tun or tap device (created through {@code /dev/net/tun}). */
    public boolean isTunTap(String name) {
        return isValidName(name) && Files.exists(root.resolve(name).resolve("tun_flags"));
    }

    /** All bridges, sorted: the root policy's bridges (spec §6.5: Albatross uses every existing bridge). */
    public List<String> bridges() throws IOException {
        List<String> bridges = new ArrayList<>();
        for (String name : names()) {
            if (isBridge(name)) {
                bridges.add(name);
            }
        }
        return List.copyOf(bridges);
    }

    /** The interfaces whose names start with {@code prefix}, sorted. */
    public List<String> withPrefix(String prefix) throws IOException {
        List<String> matching = new ArrayList<>();
        for (String name : names()) {
            if (name.startsWith(prefix)) {
                matching.add(name);
            }
        }
        return List.copyOf(matching);
    }

    /** The kernel's index of interface {@code name}. */
    public int index(String name) throws IOException {
        if (!isValidName(name)) {
            throw new IOException("looking up interface " + name + ": invalid interface name");
        }
        try (NetControlSocket socket = NetControlSocket.open()) {
            return socket.index(name);
        } catch (ErrnoException e) {
            throw new IOException("looking up interface " + name + ": " + e.getMessage(), e);
        }
    }
}
