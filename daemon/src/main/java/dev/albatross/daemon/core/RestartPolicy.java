package dev.albatross.daemon.core;

import dev.albatross.protocol.wire.FailBehaviour;
import dev.albatross.protocol.wire.UnikernelConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What to do when a unikernel's tender exits (spec §7.4), plus the back-off Albatross lacks.
 *
 * <p>Albatross's rules: a signal never restarts; exit 1 (tender failure) and 60–64 (help, version, argument
 * errors) never restart; otherwise restart iff the fail behaviour is {@code restart} with no codes (all) or
 * with this code. If {@code --name=} was injected and the unikernel exited 64 (it does not know the option),
 * start it again without the option.
 *
 * <p>Ours, in addition: a unikernel that keeps exiting within {@link Backoff#quickRun} of starting is started
 * again after a growing delay ({@code first × 2^(k−1)} for the k-th quick exit in a row, at most
 * {@link Backoff#max}), so a crash loop cannot spin the host; a run longer than {@code quickRun} resets it.
 * A destroy always wins over a pending restart: the daemon cancels it (not this class's concern).
 */
public final class RestartPolicy {
    private final Backoff backoff;

    public RestartPolicy(Backoff backoff) {
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    /**
     * Back-off parameters. Defaults: runs under 1 s count as quick; delays 100 ms, 200 ms, ... up to 60 s. A
     * unikernel that runs for a second or more restarts at once, as in Albatross (the corpus's blk.hvt runs 2 s).
     */
    public record Backoff(Duration quickRun, Duration first, Duration max) {
        public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMillis(100),
                Duration.ofSeconds(60));

        public Backoff {
            Objects.requireNonNull(quickRun, "quickRun");
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(max, "max");
        }
    }

    /** How a tender ended: an exit code, or none if a signal killed it. */
    public record Exit(OptionalInt code) {
        public static Exit code(int code) {
            return new Exit(OptionalInt.of(code));
        }

        public static Exit signal() {
            return new Exit(OptionalInt.empty());
        }
    }

    /** The consecutive quick exits so far. */
    public record History(int quickExits) {
        public static final History NONE = new History(0);
    }

    /** The decision. */
    public sealed interface Decision {
        /** Start it again at once without {@code --name=}, and persist that (it exited 64 with the option). */
        record RestartWithoutName() implements Decision {
        }

        /** Start it again after {@code delay} with the same configuration; the state file is not rewritten. */
        record Restart(Duration delay, History history) implements Decision {
        }

        /** Leave it stopped (and persist that). */
        record Stop() implements Decision {
        }
    }

    /** Albatross's {@code should_restart}: never on a signal, exit 1 or 60–64. */
    public static boolean shouldRestart(FailBehaviour fb, Exit exit) {
        if (fb.kind() != FailBehaviour.Kind.RESTART || exit.code().isEmpty()) {
            return false;
        }
        int code = exit.code().getAsInt();
        if (code == 1 || (code >= 60 && code <= 64)) {
            return false;
        }
        FailBehaviour.Restart restart = (FailBehaviour.Restart) fb;
        return restart.onAllCodes() || restart.exitCodes().contains(code);
    }

    /** The decision for {@code config}'s tender, started at {@code started}, having ended with {@code exit}. */
    public Decision decide(UnikernelConfig config, Exit exit, History history, Instant started, Instant now) {
        if (config.addName() && exit.code().equals(OptionalInt.of(64))) {
            return new Decision.RestartWithoutName();
        }
        if (!shouldRestart(config.failBehaviour(), exit)) {
            return new Decision.Stop();
        }
        boolean quick = Duration.between(started, now).compareTo(backoff.quickRun()) < 0;
        if (!quick) {
            return new Decision.Restart(Duration.ZERO, History.NONE);
        }
        int k = history.quickExits() + 1;
        return new Decision.Restart(delay(k), new History(k));
    }

    private Duration delay(int quickExits) {
        Duration d = backoff.first();
        for (int i = 1; i < quickExits && d.compareTo(backoff.max()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(backoff.max()) > 0 ? backoff.max() : d;
    }
}
