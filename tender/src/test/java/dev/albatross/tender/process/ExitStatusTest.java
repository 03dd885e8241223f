package dev.albatross.tender.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.albatross.tender.jna.PidFd;
import org.junit.jupiter.api.Test;

class ExitStatusTest {
    @Test
    void describesStatusesLikeAlbatrossLogs() {
        assertEquals("exit 0", new ExitStatus.Exited(0).describe());
        assertEquals("exit 143", new ExitStatus.Exited(143).describe());
        assertEquals("signal SIGTERM (numeric 15)", new ExitStatus.Signaled(15, false).describe());
        assertEquals("signal SIGKILL (numeric 9)", new ExitStatus.Signaled(9, false).describe());
        assertEquals("signal SIGSEGV (numeric 11)", new ExitStatus.Signaled(11, true).describe());
        assertEquals("signal SIGRTMIN+2 (numeric 36)", new ExitStatus.Signaled(36, false).describe());
        assertEquals("stop SIGSTOP (numeric 19)", new ExitStatus.Stopped(19).describe());
    }

    @Test
    void mapsWaitidCodes() {
        assertEquals(new ExitStatus.Exited(42), Reaper.toExitStatus(new PidFd.ChildState(1, 42)));
        assertEquals(new ExitStatus.Signaled(15, false), Reaper.toExitStatus(new PidFd.ChildState(2, 15)));
        assertEquals(new ExitStatus.Signaled(6, true), Reaper.toExitStatus(new PidFd.ChildState(3, 6)));
        assertEquals(new ExitStatus.Stopped(19), Reaper.toExitStatus(new PidFd.ChildState(5, 19)));
        assertNotEquals(new ExitStatus.Exited(143), Reaper.toExitStatus(new PidFd.ChildState(2, 15)));
    }

    @Test
    void refusesImpossibleValues() {
        assertThrows(IllegalArgumentException.class, () -> new ExitStatus.Exited(256));
        assertThrows(IllegalArgumentException.class, () -> new ExitStatus.Signaled(0, false));
        assertThrows(IllegalArgumentException.class, () -> new ExitStatus.Stopped(65));
    }
}
