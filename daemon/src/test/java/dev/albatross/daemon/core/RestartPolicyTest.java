package dev.albatross.daemon.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.protocol.wire.FailBehaviour;
import dev.albatross.protocol.wire.UnikernelConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {
    private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");
    private final RestartPolicy policy = new RestartPolicy(RestartPolicy.Backoff.DEFAULT);

    private static UnikernelConfig config(FailBehaviour fb, boolean addName) {
        return UnikernelConfig.builder().failBehaviour(fb).addName(addName).build();
    }

    @Test
    void neverRestartsOnSignalsExitOneOrSixtyToSixtyFour() {
        FailBehaviour all = FailBehaviour.Restart.onAnyExit();
        assertFalse(RestartPolicy.shouldRestart(all, RestartPolicy.Exit.signal()));
        for (int code : List.of(1, 60, 61, 62, 63, 64)) {
            assertFalse(RestartPolicy.shouldRestart(all, RestartPolicy.Exit.code(code)), "exit " + code);
            assertFalse(RestartPolicy.shouldRestart(new FailBehaviour.Restart(List.of(code)),
                    RestartPolicy.Exit.code(code)), "listed exit " + code);
        }
        assertTrue(RestartPolicy.shouldRestart(all, RestartPolicy.Exit.code(0)));
        assertTrue(RestartPolicy.shouldRestart(all, RestartPolicy.Exit.code(255)));
        assertTrue(RestartPolicy.shouldRestart(new FailBehaviour.Restart(List.of(3, 4)), RestartPolicy.Exit.code(4)));
        assertFalse(RestartPolicy.shouldRestart(new FailBehaviour.Restart(List.of(3, 4)), RestartPolicy.Exit.code(5)));
        assertFalse(RestartPolicy.shouldRestart(new FailBehaviour.Quit(), RestartPolicy.Exit.code(0)));
    }

    @Test
    void exitSixtyFourWithInjectedNameRestartsWithoutTheName() {
        assertInstanceOf(RestartPolicy.Decision.RestartWithoutName.class, policy.decide(
                config(new FailBehaviour.Quit(), true), RestartPolicy.Exit.code(64), RestartPolicy.History.NONE, T0,
                T0.plusSeconds(5)));
        assertInstanceOf(RestartPolicy.Decision.Stop.class, policy.decide(
                config(FailBehaviour.Restart.onAnyExit(), false), RestartPolicy.Exit.code(64),
                RestartPolicy.History.NONE, T0, T0.plusSeconds(5)));
    }

    @Test
    void aLongRunRestartsAtOnceAndResetsTheBackoff() {
        RestartPolicy.Decision d = policy.decide(config(FailBehaviour.Restart.onAnyExit(), false),
                RestartPolicy.Exit.code(0), new RestartPolicy.History(7), T0, T0.plusSeconds(2));
        assertEquals(new RestartPolicy.Decision.Restart(Duration.ZERO, RestartPolicy.History.NONE), d);
    }

    @Test
    void quickExitsInARowBackOffExponentiallyUpToTheMaximum() {
        UnikernelConfig c = config(FailBehaviour.Restart.onAnyExit(), false);
        RestartPolicy.History h = RestartPolicy.History.NONE;
        long[] expectedMillis = {100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 51200, 60000, 60000};
        for (long expected : expectedMillis) {
            RestartPolicy.Decision.Restart r = (RestartPolicy.Decision.Restart) policy.decide(c,
                    RestartPolicy.Exit.code(2), h, T0, T0.plusMillis(5));
            assertEquals(Duration.ofMillis(expected), r.delay());
            h = r.history();
        }
    }

    @Test
    void quitStops() {
        assertInstanceOf(RestartPolicy.Decision.Stop.class, policy.decide(config(new FailBehaviour.Quit(), true),
                RestartPolicy.Exit.code(3), RestartPolicy.History.NONE, T0, T0.plusSeconds(1)));
    }
}
