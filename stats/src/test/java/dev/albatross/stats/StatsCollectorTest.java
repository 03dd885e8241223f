package dev.albatross.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.protocol.der.Decoded;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.Data;
import dev.albatross.protocol.wire.Failure;
import dev.albatross.protocol.wire.Header;
import dev.albatross.protocol.wire.IfData;
import dev.albatross.protocol.wire.Payload;
import dev.albatross.protocol.wire.PolicyCmd;
import dev.albatross.protocol.wire.StatsCmd;
import dev.albatross.protocol.wire.Success;
import dev.albatross.protocol.wire.VmmStat;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.wire.WireCodec;
import dev.albatross.stats.procfs.IdleProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector with its real sources (this host's procfs and rtnetlink) and real idle processes. */
class StatsCollectorTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    private final List<IdleProcess> processes = new ArrayList<>();
    private final List<Round> heard = new ArrayList<>();
    private StatsCollector collector;

    @BeforeEach
    void open() throws IOException {
        collector = collector(StatsConfig.DEFAULTS, List.of());
    }

    @AfterEach
    void close() {
        collector.close();
        processes.forEach(IdleProcess::close);
    }

    private static StatsCollector collector(StatsConfig config, List<RoundListener> listeners) throws IOException {
        return new StatsCollector(config, Gatherer.open(config), listeners, CLOCK);
    }

    private int pid() throws IOException {
        IdleProcess p = IdleProcess.start();
        processes.add(p);
        return p.pid();
    }

    static Wire request(String name, long sequence, StatsCmd cmd) {
        return new Wire(Header.of(sequence, Name.parse(name)), cmd);
    }

    static Wire subscribe(String name) {
        return request(name, 1, new StatsCmd.Subscribe());
    }

    static Wire add(String name, int pid, StatsCmd.Interface... network) {
        return request(name, 2, new StatsCmd.Add("", pid, List.of(network)));
    }

    @Test
    void addAnswersAddedAndEchoesTheHeader() throws IOException {
        RecordingSink sink = new RecordingSink();
        Wire req = add("foo:bar", pid());
        assertEquals(new Success.Message("added"), collector.handle(req, sink));
        assertEquals(List.of(req.reply(new Success.Message("added"))), sink.messages);
        assertEquals(List.of(), sink.closes);
    }

    @Test
    void aSecondAddForTheSameNameFailsAndKeepsTheFirst() throws IOException {
        int first = pid();
        assertEquals(new Success.Message("added"), collector.add(Name.parse("foo:bar"), first, List.of()));
        RecordingSink sink = new RecordingSink();
        Payload reply = collector.handle(add("foo:bar", pid()), sink);
        assertEquals(new Failure("statistics: foo:bar is already registered"), reply);
        assertEquals(List.of(StatsSink.CloseReason.REFUSED), sink.closes);
        assertEquals(first, collector.table().registration(Name.parse("foo:bar")).orElseThrow().pid());
    }

    @Test
    void removeAnswersRemovedEvenForAnUnknownName() throws IOException {
        collector.add(Name.parse("foo:bar"), pid(), List.of());
        assertEquals(new Success.Message("removed"), collector.remove(Name.parse("foo:bar")));
        assertEquals(new Success.Message("removed"), collector.remove(Name.parse("foo:bar")));
        assertEquals(0, collector.table().registrationCount());
    }

    @Test
    void refusesInitialAndOtherCommandsThenCloses() {
        RecordingSink a = new RecordingSink();
        assertEquals(new Failure("unexpected message initial"), collector.handle(request(":", 0,
                new StatsCmd.Initial()), a));
        assertEquals(List.of(StatsSink.CloseReason.REFUSED), a.closes);
        RecordingSink b = new RecordingSink();
        assertEquals(new Failure("unexpected command"), collector.handle(new Wire(Header.of(0, Name.ROOT),
                new PolicyCmd.Info()), b));
        assertEquals(List.of(StatsSink.CloseReason.REFUSED), b.closes);
    }

    @Test
    void limitsRegistrationsAndInterfaces() throws IOException {
        StatsCollector small = collector(StatsConfig.DEFAULTS.withMaxRegistrations(1), List.of());
        try {
            int pid = pid();
            assertInstanceOf(Success.class, small.add(Name.parse(":a"), pid, List.of()));
            assertInstanceOf(Failure.class, small.add(Name.parse(":b"), pid, List.of()));
            List<StatsCmd.Interface> many = new ArrayList<>();
            for (int i = 0; i <= StatsConfig.MAX_INTERFACES; i++) {
                many.add(new StatsCmd.Interface("n" + i, "lo"));
            }
            assertInstanceOf(Failure.class, collector.add(Name.parse(":c"), pid, many));
        } finally {
            small.close();
        }
    }

    @Test
    void aSubscriberGetsItsReplyThenOneDecodableMessagePerRound() throws IOException {
        collector.add(Name.parse("foo:bar"), pid(), List.of());
        RecordingSink sink = new RecordingSink();
        Wire sub = subscribe("foo:");
        assertEquals(new Success.Message("subscribed"), collector.handle(sub, sink));
        Round round = collector.collect();
        assertEquals(2, sink.messages.size());
        assertEquals(sub.reply(new Success.Message("subscribed")), sink.messages.get(0));
        Wire data = sink.messages.get(1);
        assertEquals(new Header(5, 0, Name.parse(":bar")), data.header());
        assertEquals(round.samples().get(0).statistics(), data.payload());
        assertEquals(CLOCK.instant(), round.at());

        Decoded<Wire> decoded = WireCodec.decode(WireCodec.encode(data));
        assertEquals(data, decoded.fold(w -> w, e -> {
            throw new AssertionError(e.toString());
        }));
        collector.collect();
        assertEquals(3, sink.messages.size());
    }

    @Test
    void nobodyListeningMeansNothingIsRead() throws IOException {
        collector.add(Name.parse("foo:bar"), pid(), List.of());
        collector.handle(subscribe("other:"), new RecordingSink());
        assertEquals(List.of(), collector.collect().samples());
    }

    @Test
    void withAListenerEveryUnikernelIsRead() throws IOException {
        StatsCollector all = collector(StatsConfig.DEFAULTS, List.of(heard::add));
        try {
            all.add(Name.parse("foo:bar"), pid(), List.of());
            all.add(Name.parse(":baz"), pid(), List.of());
            Round r = all.collect();
            assertEquals(List.of(r), heard);
            assertEquals(List.of(Name.parse(":baz"), Name.parse("foo:bar")),
                    r.samples().stream().map(Sample::name).toList());
        } finally {
            all.close();
        }
    }

    @Test
    void aProcessThatVanishedIsDropped() throws Exception {
        IdleProcess p = IdleProcess.start();
        collector.add(Name.parse(":gone"), p.pid(), List.of());
        collector.handle(subscribe(":"), new RecordingSink());
        assertEquals(1, collector.collect().samples().size());
        p.kill();
        assertEquals(List.of(), collector.collect().samples());
        assertEquals(0, collector.table().registrationCount());
    }

    @Test
    void aPidNowNamingAnotherProcessIsDropped() throws IOException {
        int pid = pid();
        Registration stale = new Registration(Name.parse(":old"), pid, List.of(), OptionalLong.of(1));
        try (Gatherer g = Gatherer.open(StatsConfig.DEFAULTS)) {
            Gatherer.Gathered result = g.gather(List.of(stale));
            assertEquals(List.of(Name.parse(":old")), result.gone());
            assertEquals(List.of(), result.samples());
        }
    }

    @Test
    void aSubscriberThatRefusesIsDroppedAndClosed() throws IOException {
        collector.add(Name.parse(":a"), pid(), List.of());
        RecordingSink slow = new RecordingSink();
        RecordingSink fine = new RecordingSink();
        collector.handle(subscribe(":"), slow);
        collector.handle(subscribe(":"), fine);
        slow.accepting = false;
        collector.collect();
        assertEquals(List.of(StatsSink.CloseReason.TOO_SLOW), slow.closes);
        assertEquals(1, collector.table().subscriberCount());
        assertEquals(2, fine.messages.size());
    }

    @Test
    void withOneSubscriberPerNameTheNewcomerEvictsThePreviousAsAlbatross() throws IOException {
        StatsCollector albatross = collector(StatsConfig.DEFAULTS.withMaxSubscribersPerName(1), List.of());
        try {
            RecordingSink influx = new RecordingSink();
            RecordingSink client = new RecordingSink();
            albatross.handle(subscribe(":"), influx);
            albatross.handle(subscribe(":"), client);
            assertEquals(List.of(StatsSink.CloseReason.REPLACED), influx.closes);
            assertEquals(List.of(), client.closes);
        } finally {
            albatross.close();
        }
    }

    @Test
    void byDefaultSeveralSubscribersShareAName() throws IOException {
        collector.add(Name.parse(":a"), pid(), List.of());
        RecordingSink influx = new RecordingSink();
        RecordingSink client = new RecordingSink();
        collector.handle(subscribe(":"), influx);
        collector.handle(subscribe(":"), client);
        collector.collect();
        assertEquals(2, influx.messages.size());
        assertEquals(2, client.messages.size());
    }

    @Test
    void interfacesComeInReverseAddOrderUnderTheirNetifNames() throws IOException {
        collector.add(Name.parse(":a"), pid(), List.of(new StatsCmd.Interface("service", "lo"),
                new StatsCmd.Interface("missing", "nosuchtap9"), new StatsCmd.Interface("admin", "lo")));
        collector.handle(subscribe(":a"), new RecordingSink());
        Data.Statistics s = collector.collect().samples().get(0).statistics();
        assertEquals(List.of("admin", "service"), s.ifdata().stream().map(IfData::bridge).toList());
        assertTrue(s.ifdata().get(0).mtu() > 0);
        assertTrue(s.kinfoMem().isPresent());
        assertTrue(s.vmm().isEmpty());
    }

    @Test
    void kvmCountersFillTheVmmListWhenEnabled(@TempDir Path debugfs) throws IOException {
        int pid = pid();
        Path vm = Files.createDirectories(debugfs.resolve(pid + "-12"));
        Files.writeString(vm.resolve("remote_tlb_flush"), "3\n");
        StatsCollector kvm = collector(StatsConfig.DEFAULTS.withKvm(true, debugfs), List.of());
        try {
            kvm.add(Name.parse(":vm"), pid, List.of());
            kvm.add(Name.parse(":other"), pid(), List.of());
            kvm.handle(subscribe(":"), new RecordingSink());
            List<Sample> samples = kvm.collect().samples();
            assertEquals(Optional.empty(), samples.get(0).statistics().vmm());
            assertEquals(Optional.of(List.of(new VmmStat("remote_tlb_flush", 3))), samples.get(1).statistics().vmm());
        } finally {
            kvm.close();
        }
        collector.add(Name.parse(":vm"), pid, List.of());
        collector.handle(subscribe(":"), new RecordingSink());
        assertEquals(Optional.empty(), collector.collect().samples().get(0).statistics().vmm(), "off by default");
    }

    @Test
    void closingClosesEverySubscriber() {
        RecordingSink a = new RecordingSink();
        collector.handle(subscribe("foo:"), a);
        collector.handle(subscribe("bar:"), a);
        collector.close();
        assertEquals(List.of(StatsSink.CloseReason.SHUTDOWN), a.closes);
        assertEquals(0, collector.table().subscriberCount());
    }
}
