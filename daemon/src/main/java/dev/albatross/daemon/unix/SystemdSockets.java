package dev.albatross.daemon.unix;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sockets passed by systemd socket activation ({@code sd_listen_fds(3)}): {@code LISTEN_PID} must be this
 * process, {@code LISTEN_FDS} says how many descriptors start at fd 3, {@code LISTEN_FDNAMES} optionally names
 * them. Albatross's daemons each take exactly one; ours serves three sockets in one process, so it takes up to
 * three, matched by name ({@code vmmd}, {@code console}, {@code stat}; a unit's {@code FileDescriptorName=}),
 * and an unnamed single descriptor is {@code vmmd.sock}.
 */
public record SystemdSockets(Map<String, Integer> byName) {
    public static final int FIRST_FD = 3;

    /** Reads the activation environment of this process; empty if it was not socket-activated. */
    public static Optional<SystemdSockets> fromEnvironment(Map<String, String> env, long pid) {
        String listenPid = env.get("LISTEN_PID");
        String listenFds = env.get("LISTEN_FDS");
        if (listenPid == null || listenFds == null || !listenPid.trim().equals(Long.toString(pid))) {
            return Optional.empty();
        }
        int count = Integer.parseInt(listenFds.trim());
        if (count < 1) {
            return Optional.empty();
        }
        List<String> names = env.containsKey("LISTEN_FDNAMES") ? List.of(env.get("LISTEN_FDNAMES").split(":"))
                : List.of();
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < count; i++) {
            String name = i < names.size() ? names.get(i) : "";
            byName.put(name.isEmpty() || name.equals("unknown") ? (i == 0 ? "vmmd" : "fd" + i) : name, FIRST_FD + i);
        }
        return Optional.of(new SystemdSockets(Map.copyOf(byName)));
    }

    /** The descriptor for socket {@code name} ({@code vmmd}, {@code console}, {@code stat}), if passed. */
    public Optional<Integer> fd(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
