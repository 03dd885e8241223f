package dev.albatross.stats.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.Data;
import dev.albatross.protocol.wire.IfData;
import dev.albatross.protocol.wire.KinfoMem;
import dev.albatross.protocol.wire.Rusage;
import dev.albatross.protocol.wire.Timeval;
import dev.albatross.protocol.wire.VmmStat;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Expected lines written from albatross-influx's printf formats (spec §9.2), not from our code. */
class InfluxLinesTest {
    /** The spec §12.2 statistics figures. */
    static Data.Statistics vectorStatistics() {
        return new Data.Statistics(
                new Rusage(new Timeval(1, 500_000), new Timeval(0, 250_000), 100, 0, 0, 0, 10, 1, 0, 0, 0, 0, 0, 0, 5,
                        6),
                List.of(new IfData("service", 0x1043, 0, 0, 0, 1500, 0, 10, 0, 20, 0, 0, 1000, 2000, 0, 0, 0, 0)),
                Optional.empty(),
                Optional.of(new KinfoMem(1000, 100, 1, 2, 2, 750_000, 0, new Timeval(1_700_000_000, 0))));
    }

    static final String VECTOR_LINES = ""
            + "resource_usage,vm=hello utime=1.500000,stime=0.250000,maxrss=100i,ixrss=0i,idrss=0i,isrss=0i,"
            + "minflt=10i,maxflt=1i,nswap=0i,inblock=0i,outblock=0i,msgsnd=0i,msgrcv=0i,nsignals=0i,nvcsw=5i,"
            + "nivcsw=6i\n"
            + "kinfo_mem,vm=hello vsize=1000i,rss=100i,tsize=1i,dsize=2i,ssize=2i,cow_faults=0i,runtime=750000i,"
            + "uptime=5.000000\n"
            + "interface,vm=hello,bridge=service send_queue_length=0i,max_send_queue_length=0i,send_queue_drops=0i,"
            + "mtu=1500i,baudrate=0i,vm_to_host_packets=10i,vm_to_host_errors=0i,vm_to_host_bytes=1000i,"
            + "vm_to_host_mcast=0i,vm_to_host_dropped=0i,collisions=0i,host_to_vm_packets=20i,host_to_vm_errors=0i,"
            + "host_to_vm_bytes=2000i,host_to_vm_mcast=0i,host_to_vm_dropped=0i\n";

    static final Instant FIVE_SECONDS_LATER = Instant.ofEpochSecond(1_700_000_005);

    @Test
    void writesTheSpecVectorAsAlbatrossInfluxDoes() {
        assertEquals(VECTOR_LINES, InfluxLines.batch("hello", vectorStatistics(), FIVE_SECONDS_LATER));
    }

    @Test
    void writesVmmCountersEscapedAndOnlyWhenPresent() {
        Data.Statistics s = new Data.Statistics(vectorStatistics().rusage(), List.of(),
                Optional.of(List.of(new VmmStat("vcpu0 exits,total=all", 3), new VmmStat("big", -1))),
                Optional.empty());
        String lines = InfluxLines.batch("a.b", s, FIVE_SECONDS_LATER);
        assertEquals(VECTOR_LINES.substring(0, VECTOR_LINES.indexOf('\n')).replace("vm=hello", "vm=a.b") + "\n"
                + "vmm,vm=a.b vcpu0\\ exits\\,total\\=all=3i,big=18446744073709551615i\n", lines);
    }

    @Test
    void printsEveryCounterUnsigned() {
        IfData i = new IfData("n", -1, -1, 0, 0, -2, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        Data.Statistics s = new Data.Statistics(vectorStatistics().rusage(), List.of(i), Optional.empty(),
                Optional.empty());
        String line = InfluxLines.batch("x", s, FIVE_SECONDS_LATER).split("\n")[1];
        assertEquals("interface,vm=x,bridge=n send_queue_length=4294967295i,max_send_queue_length=0i,"
                + "send_queue_drops=0i,mtu=4294967294i,baudrate=18446744073709551615i,", line.substring(0, 146));
    }

    @Test
    void namesTheVmByLabelUnlessAskedForThePath() {
        assertEquals("web", InfluxLines.vm(Name.parse("tenant:web"), false));
        assertEquals("tenant:web", InfluxLines.vm(Name.parse("tenant:web"), true));
        assertEquals(":web", InfluxLines.vm(Name.parse(":web"), true));
        assertEquals("tenant:", InfluxLines.vm(Name.parse("tenant:"), false));
    }

    @Test
    void formatsTimevalsAsAlbatrossInflux() {
        assertEquals("1.500000", InfluxLines.tv(new Timeval(1, 500_000)));
        assertEquals("0.000007", InfluxLines.tv(new Timeval(0, 7)));
        assertEquals("18446744073709551615.000000", InfluxLines.tv(new Timeval(-1, 0)));
        assertEquals("3.-00001", InfluxLines.tv(new Timeval(3, -1)));
    }

    /** Expected values printed by Python's {@code '%f'}, which rounds the exact binary value as glibc does. */
    @Test
    void formatsFloatsAsCPrintf() {
        assertEquals("5.000000", InfluxLines.cFixed(5.0));
        assertEquals("0.100000", InfluxLines.cFixed(0.1));
        assertEquals("0.000000", InfluxLines.cFixed(5e-7));
        assertEquals("1.000001", InfluxLines.cFixed(1.0000005));
        assertEquals("0.000003", InfluxLines.cFixed(2.5e-6));
        assertEquals("-0.000000", InfluxLines.cFixed(-1e-9));
        assertEquals("-0.000000", InfluxLines.cFixed(-0.0));
        assertEquals("100000000000000000000.000000", InfluxLines.cFixed(1e20));
        assertEquals("123456.789012", InfluxLines.cFixed(123456.7890125));
        assertEquals("1763000000.123456", InfluxLines.cFixed(1763000000.1234565));
    }
}
