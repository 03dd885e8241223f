package dev.albatross.tender.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ProcessIdentityTest {
    @Test
    void readsTheStartTimeAfterACommandNameWithParenthesesAndSpaces() throws IOException {
        String stat = "4242 (we) ird (name) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10";
        assertEquals(987654L, ProcessIdentity.parseStartTicks(stat));
    }

    @Test
    void refusesTruncatedStatLines() {
        assertThrows(IOException.class, () -> ProcessIdentity.parseStartTicks("4242 (x) S 1 2 3"));
        assertThrows(IOException.class, () -> ProcessIdentity.parseStartTicks("garbage"));
    }

    @Test
    void readsItsOwnProcess() throws IOException {
        ProcessIdentity self = ProcessIdentity.read((int) ProcessHandle.current().pid());
        assertEquals(self, ProcessIdentity.read((int) ProcessHandle.current().pid()));
    }
}
