package dev.albatross.tender.process;

import dev.albatross.tender.jna.ErrnoException;
import dev.albatross.tender.jna.NamedPipe;
import dev.albatross.tender.jna.PidFd;
import dev.albatross.tender.jna.PosixSpawn;
import dev.albatross.tender.jna.ThreadAffinity;
import java.io.IOException;
import java.time.InstantSource;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one tender on the calling thread, whose CPU affinity it changes for the duration of the spawn (the child
 * inherits it) and restores afterwards.
 */
final class Spawner {
    private static final Logger LOG = LoggerFactory.getLogger(Spawner.class);

    /** Tenders get no environment from the daemon beyond a standard PATH. */
    static final List<String> ENVIRONMENT = List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");

    private final InstantSource clock;

    Spawner(InstantSource clock) {
        this.clock = clock;
    }

    /** Spawns the tender described by {@code spec} and opens its pidfd. Nothing is left behind on failure. */
    TenderProcess spawn(LaunchSpec spec) throws IOException {
        List<String> argv = TenderCommandLine.argv(spec);
        LOG.debug("spawning {}", TenderCommandLine.forLog(spec));
        int consoleFd;
        try {
            consoleFd = NamedPipe.openWriter(spec.consoleFifo().toString());
        } catch (ErrnoException e) {
            String hint = e.errno() == NamedPipe.ENXIO ? " (nobody reads it)" : "";
            throw new IOException("opening console fifo " + spec.consoleFifo() + " for " + spec.name() + ": "
                    + e.getMessage() + hint, e);
        }
        int pid;
        try {
            pid = spawnPinned(spec, argv, consoleFd);
        } finally {
            closeConsole(spec, consoleFd);
        }
        return supervise(spec, pid);
    }

    private int spawnPinned(LaunchSpec spec, List<String> argv, int consoleFd) throws IOException {
        if (spec.cpuIds().isEmpty()) {
            return spawnNow(spec, argv, consoleFd);
        }
        BitSet saved = affinity(spec);
        BitSet wanted = new BitSet();
        spec.cpuIds().forEach(wanted::set);
        try {
            pin(spec, wanted);
            return spawnNow(spec, argv, consoleFd);
        } finally {
            restore(saved);
        }
    }

    private static BitSet affinity(LaunchSpec spec) throws IOException {
        try {
            return ThreadAffinity.current();
        } catch (ErrnoException e) {
            throw new IOException("reading the spawner's CPU affinity for " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    private static void pin(LaunchSpec spec, BitSet wanted) throws IOException {
        String cpus = spec.cpuIds().stream().map(String::valueOf).collect(Collectors.joining(","));
        if (wanted.length() > ThreadAffinity.MAX_CPUS) {
            throw new IOException("pinning " + spec.name() + " to CPUs " + cpus + ": CPU ids must be below "
                    + ThreadAffinity.MAX_CPUS);
        }
        try {
            ThreadAffinity.set(wanted);
            // The kernel silently drops CPUs that are offline or outside our cpuset; taskset would pin to fewer
            // CPUs than asked, we refuse instead.
            BitSet granted = ThreadAffinity.current();
            if (!granted.equals(wanted)) {
                BitSet missing = (BitSet) wanted.clone();
                missing.andNot(granted);
                throw new IOException("pinning " + spec.name() + " to CPUs " + cpus + ": CPU(s) "
                        + missing.stream().mapToObj(String::valueOf).collect(Collectors.joining(","))
                        + " not available");
            }
        } catch (ErrnoException e) {
            throw new IOException("pinning " + spec.name() + " to CPUs " + cpus + ": " + e.getMessage(), e);
        }
    }

    private static void restore(BitSet saved) {
        try {
            ThreadAffinity.set(saved);
        } catch (ErrnoException e) {
            // Only possible if CPUs went offline meanwhile; the next pinned spawn sets the mask it needs anyway,
            // and an unpinned spawn then inherits a narrower mask, which we report loudly.
            LOG.error("restoring the spawner thread's CPU affinity to {} failed: {}", saved, e.getMessage());
        }
    }

    private static int spawnNow(LaunchSpec spec, List<String> argv, int consoleFd) throws IOException {
        try {
            return PosixSpawn.spawn(spec.tender().toString(), argv, ENVIRONMENT, consoleFd);
        } catch (ErrnoException e) {
            throw new IOException("spawning " + spec.tender() + " for " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    private TenderProcess supervise(LaunchSpec spec, int pid) throws IOException {
        int pidfd;
        try {
            pidfd = PidFd.open(pid);
        } catch (ErrnoException e) {
            // The child is ours and not yet reaped, so its pid cannot have been reused: kill it by pid.
            PidFd.killAndReap(pid);
            throw new IOException("opening a pidfd for " + spec.name() + " (pid " + pid + "): " + e.getMessage(), e);
        }
        try {
            // Read after pidfd_open: the unreaped child keeps its /proc entry even if it already exited.
            ProcessIdentity identity = ProcessIdentity.read(pid);
            return new TenderProcess(spec.name(), identity, clock.instant(), pidfd);
        } catch (IOException e) {
            PidFd.close(pidfd);
            PidFd.killAndReap(pid);
            throw new IOException("reading /proc/" + pid + "/stat for " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    private static void closeConsole(LaunchSpec spec, int consoleFd) {
        try {
            NamedPipe.close(consoleFd);
        } catch (ErrnoException e) {
            // The descriptor is gone either way (Linux close semantics); nothing to undo.
            LOG.warn("closing the console fifo of {} failed: {}", spec.name(), e.getMessage());
        }
    }
}
