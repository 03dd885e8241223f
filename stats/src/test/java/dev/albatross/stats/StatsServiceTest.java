package dev.albatross.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.Data;
import dev.albatross.protocol.wire.Success;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.stats.procfs.IdleProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service as the daemon uses it: calls from any thread, sinks called on the statistics thread only. */
class StatsServiceTest {
    /** Records messages and the threads that offered them; safe to read from the test thread. */
    static final class ThreadRecordingSink implements StatsSink {
        final List<Wire> messages = new ArrayList<>();
        final List<String> threads = new ArrayList<>();
        final List<CloseReason> closes = new ArrayList<>();
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public synchronized boolean offer(Wire message) {
            messages.add(message);
            threads.add(Thread.currentThread().getName());
            return true;
        }

        @Override
        public synchronized void close(CloseReason reason) {
            closes.add(reason);
            closed.countDown();
        }
    }

    private IdleProcess tender;
    private StatsService stats;

    @BeforeEach
    void start() throws Exception {
        tender = IdleProcess.start();
    }

    @AfterEach
    void stop() {
        if (stats != null) {
            stats.close();
        }
        tender.close();
    }

    @Test
    void servesASubscriberOnTheStatisticsThread() throws Exception {
        stats = StatsService.start(StatsConfig.DEFAULTS, StatsCollectorTest.CLOCK, List.of());
        assertEquals(new Success.Message("added"),
                stats.add(Name.parse("a:b"), tender.pid(), List.of()).get(10, TimeUnit.SECONDS));
        ThreadRecordingSink sink = new ThreadRecordingSink();
        assertEquals(new Success.Message("subscribed"),
                stats.handle(StatsCollectorTest.subscribe("a:"), sink).get(10, TimeUnit.SECONDS));
        stats.collectNow().get(10, TimeUnit.SECONDS);
        synchronized (sink) {
            assertEquals(2, sink.messages.size());
            assertInstanceOf(Data.Statistics.class, sink.messages.get(1).payload());
            assertEquals(List.of(StatsService.THREAD_NAME, StatsService.THREAD_NAME), sink.threads);
        }
        stats.cancel(sink);
        assertEquals(new Success.Message("removed"), stats.remove(Name.parse("a:b")).get(10, TimeUnit.SECONDS));
        stats.collectNow().get(10, TimeUnit.SECONDS);
        synchronized (sink) {
            assertEquals(2, sink.messages.size());
        }
    }

    @Test
    void runsRoundsEveryInterval() throws Exception {
        CountDownLatch twoRounds = new CountDownLatch(2);
        stats = StatsService.start(StatsConfig.DEFAULTS.withInterval(Duration.ofSeconds(1)), StatsCollectorTest.CLOCK,
                List.of(r -> twoRounds.countDown()));
        stats.add(Name.parse(":a"), tender.pid(), List.of()).get(10, TimeUnit.SECONDS);
        assertTrue(twoRounds.await(10, TimeUnit.SECONDS), "no two scheduled rounds within 10 s");
    }

    @Test
    void closingClosesSubscribersAndRefusesLaterCalls() throws Exception {
        stats = StatsService.start(StatsConfig.DEFAULTS, StatsCollectorTest.CLOCK, List.of());
        ThreadRecordingSink sink = new ThreadRecordingSink();
        stats.handle(StatsCollectorTest.subscribe(":"), sink).get(10, TimeUnit.SECONDS);
        stats.close();
        assertTrue(sink.closed.await(10, TimeUnit.SECONDS));
        synchronized (sink) {
            assertEquals(List.of(StatsSink.CloseReason.SHUTDOWN), sink.closes);
        }
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> stats.add(Name.parse(":a"), tender.pid(), List.of()).get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    void refusesIntervalsBelowOneSecond() {
        assertThrows(IllegalArgumentException.class,
                () -> StatsConfig.DEFAULTS.withInterval(Duration.ofMillis(999)));
    }
}
