package dev.albatross.console.fifo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.albatross.console.ConsoleLimits;
import dev.albatross.console.ConsoleLine;
import dev.albatross.console.ConsoleStatus;
import dev.albatross.console.Consoles;
import dev.albatross.console.LineSplitter;
import dev.albatross.console.MutableClock;
import dev.albatross.console.RecordingSink;
import dev.albatross.console.Subscription;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.ConsoleCmd;
import dev.albatross.protocol.wire.Data;
import dev.albatross.protocol.wire.Failure;
import dev.albatross.protocol.wire.Header;
import dev.albatross.protocol.wire.Success;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader on real fifos, with real writers standing in for solo5-hvt's stdout. */
class FifoReaderTest {
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final Instant T0 = Instant.parse("2026-11-22T23:28:04.089Z");
    static final Name HELLO = Name.parse(":hello");

    @TempDir
    Path tmp;
    Path fifoDir;
    final MutableClock clock = new MutableClock(T0);
    Consoles consoles;
    FifoReader reader;
    final List<OutputStream> writers = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        assumeTrue(Mkfifo.supported(), "needs 64-bit Linux: epoll, eventfd and mkfifo through JNA");
        fifoDir = Files.createDirectory(tmp.resolve("fifo"));
        consoles = new Consoles(ConsoleLimits.defaults(), clock);
        reader = FifoReader.start(consoles, fifoDir, clock);
    }

    @AfterEach
    void stop() throws IOException {
        for (OutputStream w : writers) {
            w.close();
        }
        if (reader != null) {
            reader.close();
        }
    }

    Path fifo(Name name) throws IOException {
        return Mkfifo.make(fifoDir.resolve(name.text()));
    }

    /** Opens the write end as the tender's stdout is opened; blocks (and so times out) if nobody reads. */
    OutputStream tender(Path fifo) throws Exception {
        CompletableFuture<OutputStream> open = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.newOutputStream(fifo, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            OutputStream out = open.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            writers.add(out);
            return out;
        } catch (TimeoutException e) {
            throw new AssertionError("opening " + fifo + " for writing blocked: no reader attached", e);
        }
    }

    static void print(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    RecordingSink subscribe(Consoles to, Name name) {
        RecordingSink sink = RecordingSink.unbounded();
        to.subscribe(Header.of(0, name), new ConsoleCmd.SubscribeCount(Consoles.HISTORY_LINES), sink);
        return sink;
    }

    @Test
    void readsWhatTheTenderPrintsOnceAttached() throws Exception {
        Path fifo = fifo(HELLO);
        reader.attach(HELLO, 5);
        assertTrue(consoles.status(HELLO).orElseThrow().active());
        RecordingSink sink = subscribe(consoles, HELLO);
        OutputStream out = tender(fifo);
        print(out, "Solo5: Bindings version v0.9.0\r\nhello world\n");
        sink.awaitLines(l -> l.size() == 2, TIMEOUT);
        assertEquals(List.of("Solo5: Bindings version v0.9.0\r", "hello world"), sink.lines());
    }

    @Test
    void linesOfOneReadShareItsTimestamp() throws Exception {
        Path fifo = fifo(HELLO);
        reader.attach(HELLO, 5);
        RecordingSink sink = subscribe(consoles, HELLO);
        OutputStream out = tender(fifo);
        print(out, "a\nb\nc\n"); // one write(2) under PIPE_BUF: one read
        sink.awaitLines(l -> l.size() == 3, TIMEOUT);
        clock.advance(Duration.ofSeconds(5));
        print(out, "d\n");
        sink.awaitLines(l -> l.size() == 4, TIMEOUT);
        List<Data.Console> data = sink.consoleData();
        assertEquals(T0, data.get(0).timestamp());
        assertEquals(T0, data.get(2).timestamp());
        assertEquals(T0.plusSeconds(5), data.get(3).timestamp());
    }

    @Test
    void endOfFileMarksTheConsoleInactiveAndKeepsItsHistory() throws Exception {
        Path fifo = fifo(HELLO);
        reader.attach(HELLO, 5);
        RecordingSink sink = subscribe(consoles, HELLO);
        OutputStream out = tender(fifo);
        print(out, "one\ntwo\nSolo5: solo5_exit(2) called");
        out.close(); // the tender exits
        sink.awaitLine("Solo5: solo5_exit(2) called", TIMEOUT);
        assertEquals(Set.of(), reader.attached()); // runs on the reader thread: after the end was handled

        ConsoleStatus status = consoles.status(HELLO).orElseThrow();
        assertFalse(status.active());
        assertEquals(List.of("one", "two", "Solo5: solo5_exit(2) called"),
                consoles.last(HELLO, 10).stream().map(ConsoleLine::text).toList());
        assertEquals(new Success.Consoles(List.of(HELLO)), consoles.listInactive(Name.ROOT));
        assertNull(sink.closedWith(), "subscribers stay for the next run");

        Files.delete(fifo); // albatrossd removes the fifo on exit and makes a new one to restart
        Path again = fifo(HELLO);
        reader.attach(HELLO, 5);
        print(tender(again), "three\n");
        sink.awaitLine("three", TIMEOUT);
        assertEquals(4, consoles.last(HELLO, 10).get(3).sequence());
    }

    @Test
    void detachReadsWhatIsLeftThenMarksInactive() throws Exception {
        Path fifo = fifo(HELLO);
        reader.attach(HELLO, 5);
        OutputStream out = tender(fifo);
        print(out, "left in the pipe\n");
        reader.detach(HELLO);
        assertFalse(consoles.status(HELLO).orElseThrow().active());
        assertEquals("left in the pipe", consoles.last(HELLO, 1).get(0).text());
        assertTrue(reader.attached().isEmpty());
        reader.detach(HELLO);
    }

    @Test
    void attachingAgainEndsTheEarlierReader() throws Exception {
        Path fifo = fifo(HELLO);
        reader.attach(HELLO, 5);
        OutputStream first = tender(fifo);
        print(first, "first\n");
        reader.attach(HELLO, 5);
        assertEquals(Set.of(HELLO), reader.attached());
        assertTrue(consoles.status(HELLO).orElseThrow().active());
        assertEquals("first", consoles.last(HELLO, 1).get(0).text());
    }

    @Test
    void reattachesToAFifoWhoseTenderIsStillWriting() throws Exception {
        Path fifo = fifo(HELLO);
        reader.attach(HELLO, 5);
        RecordingSink before = subscribe(consoles, HELLO);
        OutputStream out = tender(fifo);
        print(out, "before\n");
        before.awaitLine("before", TIMEOUT);
        reader.close(); // the daemon stops; the unikernel runs on

        Consoles fresh = new Consoles(ConsoleLimits.defaults(), clock);
        reader = FifoReader.start(fresh, fifoDir, clock);
        reader.attach(HELLO, 5);
        RecordingSink after = subscribe(fresh, HELLO);
        print(out, "after\n");
        after.awaitLine("after", TIMEOUT);
        assertEquals(List.of("after"), after.lines());
    }

    @Test
    void refusesWhatIsNotAFifoAndLeavesNothingBehind() throws Exception {
        assertThrows(IOException.class, () -> reader.attach(HELLO, 5));
        Files.writeString(fifoDir.resolve(":file"), "not a fifo");
        assertThrows(IOException.class, () -> reader.attach(Name.parse(":file"), 5));
        assertEquals(new Failure("opening"), reader.add(HELLO, 5));
        assertEquals(new Failure("path used instead of name"), reader.add(Name.parse("foo:"), 5));
        assertThrows(IllegalArgumentException.class, () -> reader.attach(Name.parse("foo:"), 5));
        assertTrue(reader.attached().isEmpty());
        assertTrue(consoles.status(HELLO).isEmpty());
        assertEquals(0, consoles.retainedBytes());
    }

    @Test
    void consoleAddFromAClientAttaches() throws Exception {
        fifo(HELLO);
        assertEquals(new Success.Empty(), reader.add(HELLO, 5));
        assertEquals(Set.of(HELLO), reader.attached());
    }

    @Test
    void oneThreadServesTwoHundredFifos() throws Exception {
        int count = 200;
        List<RecordingSink> sinks = new ArrayList<>();
        List<OutputStream> outs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Name name = Name.parse("tenant:u" + i);
            Path fifo = fifo(name);
            reader.attach(name, count);
            sinks.add(subscribe(consoles, name));
            outs.add(tender(fifo));
        }
        for (int line = 0; line < 3; line++) {
            for (int i = 0; i < count; i++) {
                print(outs.get(i), "u" + i + " line " + line + "\n");
            }
        }
        for (int i = 0; i < count; i++) {
            RecordingSink sink = sinks.get(i);
            sink.awaitLines(l -> l.size() == 3, TIMEOUT);
            assertEquals(List.of("u" + i + " line 0", "u" + i + " line 1", "u" + i + " line 2"), sink.lines());
            List<String> threads = sink.offeringThreads();
            assertEquals(List.of(FifoReader.THREAD_NAME), threads.subList(1, threads.size()).stream().distinct()
                    .toList(), "live lines come from the one reader thread");
        }
        long readers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(FifoReader.THREAD_NAME)).count();
        assertEquals(1, readers);
    }

    @Test
    void aTenderPrintingWithoutEndCannotGrowTheConsoleBeyondItsBound() throws Exception {
        Path fifo = fifo(HELLO);
        reader.attach(HELLO, 5);
        RecordingSink sink = subscribe(consoles, HELLO);
        OutputStream out = tender(fifo);
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        for (int i = 0; i < 64; i++) { // 4 MiB without a newline
            out.write(chunk);
        }
        String line = "y".repeat(700) + "\n";
        for (int i = 0; i < 3 * Consoles.HISTORY_LINES; i++) {
            print(out, line);
        }
        print(out, "END\n");
        sink.awaitLine("END", TIMEOUT);

        assertEquals("x".repeat(LineSplitter.MAX_LINE_BYTES) + LineSplitter.TRUNCATED_SUFFIX, sink.lines().get(0));
        // The cut x line ends at the first newline, that of the first y line: 1 + (3 * 1024 - 1) + END.
        assertEquals(3 * Consoles.HISTORY_LINES + 1, sink.lines().size());
        assertEquals(Consoles.HISTORY_LINES, consoles.status(HELLO).orElseThrow().lines());
        assertTrue(consoles.retainedBytes(HELLO.path()) <= Consoles.MAX_RING_BYTES);
        assertEquals(0, reader.pendingBytes());
    }

    @Test
    void aSlowSubscriberLosesLinesWithoutHoldingUpTheOthers() throws Exception {
        Path fifo = fifo(HELLO);
        reader.attach(HELLO, 5);
        RecordingSink fast = subscribe(consoles, HELLO);
        RecordingSink slow = RecordingSink.withBudget(10);
        Subscription slowSub = consoles.subscribe(Header.of(0, HELLO), new ConsoleCmd.SubscribeCount(0), slow);
        RecordingSink alsoFast = subscribe(consoles, HELLO);
        OutputStream out = tender(fifo);
        int total = 3000;
        for (int i = 1; i <= total; i++) {
            print(out, "line " + i + "\n");
        }
        fast.awaitLine("line " + total, TIMEOUT);
        alsoFast.awaitLine("line " + total, TIMEOUT);
        List<String> all = new ArrayList<>();
        for (int i = 1; i <= total; i++) {
            all.add("line " + i);
        }
        assertEquals(all, fast.lines());
        assertEquals(all, alsoFast.lines());
        assertEquals(all.subList(0, 9), slow.lines());

        while (!slow.lines().contains("line " + total)) { // its peer starts reading again
            slow.drain();
            slowSub.resume();
        }
        long lost = total - Consoles.HISTORY_LINES + 1 - 10;
        assertEquals("[albatross] " + lost + " lines dropped", slow.lines().get(9));
        assertEquals(all.subList(total - Consoles.HISTORY_LINES, total), slow.lines().subList(10, slow.lines().size()));
        assertNull(slow.closedWith());
    }

    @Test
    void commandsFailOnceTheReaderIsClosed() throws Exception {
        reader.close();
        assertThrows(IOException.class, () -> reader.attach(HELLO, 5));
        assertThrows(IOException.class, () -> reader.detach(HELLO));
        reader.close();
    }
}
