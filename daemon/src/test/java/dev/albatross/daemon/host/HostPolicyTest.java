package dev.albatross.daemon.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.protocol.wire.Policy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostPolicyTest {

    @Test
    void countsOnlineCpusFromTheKernelList() {
        assertEquals(2, HostPolicy.onlineCpus("0-1"));
        assertEquals(1, HostPolicy.onlineCpus("0"));
        assertEquals(6, HostPolicy.onlineCpus("0-3,6,8"));
    }

    @Test
    void memoryIsMemTotalInMegabytesRoundedDown() {
        // The recording's host: MemTotal 24684084 kB gave a root policy of 24105 MB.
        assertEquals(24105, HostPolicy.memoryMb(List.of("MemFree: 1 kB", "MemTotal:       24684084 kB")));
    }

    @Test
    void discoversThisHost(@TempDir Path dir) throws Exception {
        Policy p = HostPolicy.discover(dir, List.of("br1", "br0"));
        assertEquals(HostPolicy.MAX_INT, p.unikernels());
        assertTrue(p.cpuids().contains(0));
        assertTrue(p.memoryMb() > 16);
        assertTrue(p.blockMb().getAsInt() > 0);
        assertEquals(List.of("br0", "br1"), p.bridges());
    }
}
