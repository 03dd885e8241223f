package dev.albatross.tender.net;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Test fixture: creates bridges and foreign taps with the {@code ip} command under unique names, and deletes
 * every one of them on {@link #close()}. Also reads what a test checks from {@code /sys/class/net}.
 */
final class HostInterfaces implements AutoCloseable {
    static final Path SYS_CLASS_NET = Path.of("/sys/class/net");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<String> created = new ArrayList<>();

    /** Skips the calling test, loudly, unless tap devices and bridges can be created here. */
    static void assumeCanManageInterfaces() throws IOException {
        assumeTrue(Files.exists(Path.of("/dev/net/tun")), "needs /dev/net/tun: creates tap devices");
        assumeTrue(Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid")),
                "needs root: creates tap devices and bridges");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")),
                "needs the ip command (iproute2) to create test bridges");
    }

    /** A fresh name: {@code head} and random lowercase letters, 10 bytes in all. */
    static String uniqueName(String head) {
        StringBuilder name = new StringBuilder(head);
        while (name.length() < 10) {
            name.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return name.toString();
    }

    String newBridge() throws IOException {
        String name = uniqueName("jbr");
        ip("link", "add", "name", name, "type", "bridge");
        created.add(name);
        return name;
    }

    /** A persistent tap made by someone else than the code under test, left down and unattached. */
    void newForeignTap(String name) throws IOException {
        ip("tuntap", "add", "dev", name, "mode", "tap");
        created.add(name);
    }

    /** The names this fixture created (and deletes on close). */
    List<String> created() {
        return List.copyOf(created);
    }

    /** Deletes {@code name} if it exists. */
    static void deleteIfPresent(String name) throws IOException {
        if (exists(name)) {
            ip("link", "del", "dev", name);
        }
    }

    static boolean exists(String name) {
        return Files.exists(SYS_CLASS_NET.resolve(name), LinkOption.NOFOLLOW_LINKS);
    }

    static boolean isUp(String name) throws IOException {
        String flags = Files.readString(SYS_CLASS_NET.resolve(name).resolve("flags")).trim();
        return (Integer.decode(flags) & 0x1) != 0;
    }

    static int ifIndex(String name) throws IOException {
        return Integer.parseInt(Files.readString(SYS_CLASS_NET.resolve(name).resolve("ifindex")).trim());
    }

    /** The bridge {@code name} is a port of, from its {@code master} link. */
    static Optional<String> master(String name) throws IOException {
        Path master = SYS_CLASS_NET.resolve(name).resolve("master");
        if (!Files.isSymbolicLink(master)) {
            return Optional.empty();
        }
        return Optional.of(Files.readSymbolicLink(master).getFileName().toString());
    }

    private static void ip(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("ip");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command, e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(command + " failed with " + process.exitValue() + ": " + output);
        }
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (String name : created) {
            try {
                deleteIfPresent(name);
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        created.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
