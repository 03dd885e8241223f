package dev.albatross.stats;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test fixture: a network namespace of its own with one end of a veth pair in it, the other end in ours, both up
 * with IPv4 addresses on a /30 and IPv6 off (so no autoconfiguration traffic disturbs the counters). Made with
 * {@code ip} under unique names; {@link #close()} deletes both.
 */
final class NetnsVeth implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    final String namespace;
    final String host;
    final String peer;
    final String hostAddress;
    final String peerAddress;

    private NetnsVeth(String namespace, String host, String peer, String hostAddress, String peerAddress) {
        this.namespace = namespace;
        this.host = host;
        this.peer = peer;
        this.hostAddress = hostAddress;
        this.peerAddress = peerAddress;
    }

    /** Skips the calling test, loudly, unless namespaces and veth pairs can be made here. */
    static void assumeRootWithIp() throws IOException {
        assumeTrue(Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid")),
                "needs root: creates a network namespace and a veth pair");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")),
                "needs the ip command (iproute2) to create the namespace and the veth pair");
    }

    static NetnsVeth create() throws IOException {
        String tail = suffix();
        int net = RANDOM.nextInt(64) * 4;
        String prefix = "10.213." + RANDOM.nextInt(256) + ".";
        NetnsVeth v = new NetnsVeth("jstats" + tail, "jsh" + tail, "jsp" + tail, prefix + (net + 1),
                prefix + (net + 2));
        try {
            ip("netns", "add", v.namespace);
            ip("link", "add", v.host, "type", "veth", "peer", "name", v.peer, "netns", v.namespace);
            disableIpv6(v.host);
            run("ip", "netns", "exec", v.namespace, "sh", "-c",
                    "[ ! -e /proc/sys/net/ipv6/conf/" + v.peer + " ] || echo 1 > /proc/sys/net/ipv6/conf/" + v.peer
                            + "/disable_ipv6");
            ip("addr", "add", v.hostAddress + "/30", "dev", v.host);
            ip("-n", v.namespace, "addr", "add", v.peerAddress + "/30", "dev", v.peer);
            ip("-n", v.namespace, "link", "set", v.peer, "up");
            ip("link", "set", v.host, "up");
            return v;
        } catch (IOException | RuntimeException e) {
            v.close();
            throw e;
        }
    }

    /** The peer's sysfs counter {@code name}, read inside the namespace. */
    long peerCounter(String name) throws IOException {
        return Long.parseLong(run("ip", "netns", "exec", namespace, "cat",
                "/sys/class/net/" + peer + "/statistics/" + name).trim());
    }

    static boolean exists(String name) {
        return Files.exists(Path.of("/sys/class/net", name), LinkOption.NOFOLLOW_LINKS);
    }

    boolean namespaceExists() {
        return Files.exists(Path.of("/run/netns", namespace));
    }

    /**
     * Deletes our end first: that removes both ends at once, whereas a deleted namespace lets go of its devices
     * asynchronously. Then the namespace.
     */
    @Override
    public void close() throws IOException {
        List<IOException> failures = new ArrayList<>();
        if (exists(host)) {
            try {
                ip("link", "del", "dev", host);
            } catch (IOException e) {
                failures.add(e);
            }
        }
        if (namespaceExists()) {
            try {
                ip("netns", "del", namespace);
            } catch (IOException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    private static void disableIpv6(String dev) throws IOException {
        Path knob = Path.of("/proc/sys/net/ipv6/conf", dev, "disable_ipv6");
        if (Files.exists(knob)) {
            Files.writeString(knob, "1");
        }
    }

    private static String suffix() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            s.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return s.toString();
    }

    private static void ip(String... args) throws IOException {
        String[] command = new String[args.length + 1];
        command[0] = "ip";
        System.arraycopy(args, 0, command, 1, args.length);
        run(command);
    }

    static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": timed out");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + ": exit " + p.exitValue() + ": " + out.trim());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }
}
