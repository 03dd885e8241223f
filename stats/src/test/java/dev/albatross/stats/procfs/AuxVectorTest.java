package dev.albatross.stats.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AuxVectorTest {
    private static byte[] auxv(long... pairs) {
        ByteBuffer b = ByteBuffer.allocate(8 * pairs.length).order(ByteOrder.nativeOrder());
        for (long v : pairs) {
            b.putLong(v);
        }
        return b.array();
    }

    @Test
    void readsClockTicksAndPageSize() {
        assertEquals(new AuxVector(250, 16384), AuxVector.parse(auxv(33, 0x7fff, 6, 16384, 17, 250, 0, 0)));
    }

    @Test
    void fallsBackWhenEntriesAreMissing() {
        assertEquals(new AuxVector(100, 4096), AuxVector.parse(auxv(0, 0)));
    }

    @Test
    void agreesWithGetconf() throws IOException, InterruptedException {
        AuxVector self = AuxVector.self();
        assertEquals(Long.parseLong(getconf("CLK_TCK")), self.clockTicks());
        assertEquals(Long.parseLong(getconf("PAGESIZE")), self.pageSizeBytes());
    }

    private static String getconf(String name) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("getconf", name).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }
}
