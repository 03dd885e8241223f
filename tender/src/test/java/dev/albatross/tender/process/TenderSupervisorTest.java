package dev.albatross.tender.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.albatross.tender.elf.Solo5ImageBuilder;
import dev.albatross.tender.jna.PidFd;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenderSupervisorTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path tmpdir;

    private Path tender;
    private Path hello;
    private ExecutorService completions;
    private TenderSupervisor supervisor;
    private final List<TenderProcess> spawned = new ArrayList<>();
    private final List<FifoReader> readers = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        tender = Solo5HvtDouble.path();
        hello = tmpdir.resolve("hello.img");
        Files.write(hello, Solo5ImageBuilder.hvt().build());
        Files.createDirectory(tmpdir.resolve("fifo"));
        completions = Executors.newSingleThreadExecutor(task -> new Thread(task, "test-completions"));
        supervisor = TenderSupervisor.start(InstantSource.system(), completions);
    }

    @AfterEach
    void stop() throws Exception {
        for (TenderProcess process : spawned) {
            process.signal(9);
        }
        for (TenderProcess process : spawned) {
            try {
                process.exit().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException | CancellationException e) {
                // The test already took this one out of supervision.
            }
        }
        supervisor.close();
        completions.shutdown();
        for (FifoReader reader : readers) {
            reader.close();
        }
    }

    private FifoReader console(String name) throws IOException {
        FifoReader reader = new FifoReader(ConsoleFifo.create(tmpdir, name).path());
        readers.add(reader);
        return reader;
    }

    private LaunchSpec spec(String name, Path image, List<String> args, List<Integer> cpus) {
        return new LaunchSpec(name, tender, 16, List.of(), List.of(), image, args, cpus,
                tmpdir.resolve("fifo").resolve(name));
    }

    private TenderProcess spawn(LaunchSpec spec) throws IOException {
        TenderProcess process = supervisor.spawn(spec);
        spawned.add(process);
        return process;
    }

    private TenderProcess spawn(String name, String... args) throws IOException {
        return spawn(spec(name, hello, List.of(args), List.of()));
    }

    private static ExitStatus exitOf(TenderProcess process) throws Exception {
        return process.exit().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void reportsExitCodes() throws Exception {
        console(":codes");
        for (int code : new int[] {0, 1, 42, 255}) {
            assertEquals(new ExitStatus.Exited(code), exitOf(spawn(":codes", "--x-exit=" + code)));
        }
        assertEquals(new ExitStatus.Exited(44), exitOf(spawn(":codes", "--x-exit=300")));
    }

    @Test
    void emulatesTheCorpusHelloImageByDefault() throws Exception {
        FifoReader console = console(":hello");
        TenderProcess process = spawn(":hello", "--name=hello");
        assertEquals(new ExitStatus.Exited(0), exitOf(process));
        assertEquals(List.of("guest: hello"), console.awaitLines(1, TIMEOUT));
    }

    @Test
    void theConsoleFifoReceivesGuestOutputInOrder() throws Exception {
        FifoReader console = console(":lines");
        TenderProcess process = spawn(":lines", "--x-lines=100", "--x-exit=300");
        assertEquals(new ExitStatus.Exited(44), exitOf(process));
        List<String> lines = console.awaitLines(113, TIMEOUT);
        assertEquals("Solo5: Bindings version v0.12.1-7-g469c1a8", lines.get(4));
        assertEquals("Solo5: Memory map: 16 MB addressable:", lines.get(5));
        assertEquals("guest: hello", lines.get(11));
        assertEquals("line 1", lines.get(12));
        assertEquals("line 100", lines.get(111));
        assertEquals("Solo5: solo5_exit(300) called", lines.get(112));
    }

    @Test
    void reportsAnAbortAsExit255() throws Exception {
        FifoReader console = console(":abort");
        assertEquals(new ExitStatus.Exited(255), exitOf(spawn(":abort", "--x-abort")));
        console.await("Solo5: solo5_abort() called"::equals, TIMEOUT);
    }

    @Test
    void sigtermMakesTheTenderExitWith1AndSayWhy() throws Exception {
        FifoReader console = console(":term");
        TenderProcess process = spawn(":term", "--x-hang");
        console.await("guest: hello"::equals, TIMEOUT);
        assertTrue(process.terminate());
        assertEquals(new ExitStatus.Exited(1), exitOf(process));
        console.await("solo5-hvt: Exiting on signal 15"::equals, TIMEOUT);
        assertFalse(process.signal(15), "a reaped tender cannot be signalled");
    }

    @Test
    void sigkillAndUnhandledSignalsAreReportedAsSignals() throws Exception {
        FifoReader console = console(":kill");
        TenderProcess killed = spawn(":kill", "--x-hang");
        TenderProcess usr1 = spawn(":kill", "--x-hang");
        console.awaitLines(2, TIMEOUT);
        killed.signal(9);
        usr1.signal(10);
        assertEquals(new ExitStatus.Signaled(9, false), exitOf(killed));
        assertEquals(new ExitStatus.Signaled(10, false), exitOf(usr1));
    }

    @Test
    void exitCode143AndSigtermStayDistinct() throws Exception {
        console(":distinct");
        Path sleeper = tmpdir.resolve("sleeper");
        // A tender stand-in that leaves SIGTERM at its default action, as ProcessBuilder would report as 143 too.
        Files.writeString(sleeper, "#!/bin/sh\nexec sleep 1000\n");
        Files.setPosixFilePermissions(sleeper, PosixFilePermissions.fromString("rwx------"));
        TenderProcess signalled = spawn(new LaunchSpec(":distinct", sleeper, 16, List.of(), List.of(), hello,
                List.of(), List.of(), tmpdir.resolve("fifo/:distinct")));
        awaitCommand(signalled.pid(), "sleep");
        signalled.terminate();
        ExitStatus bySignal = exitOf(signalled);
        ExitStatus byCode = exitOf(spawn(":distinct", "--x-exit=143"));
        assertEquals(new ExitStatus.Signaled(15, false), bySignal);
        assertEquals(new ExitStatus.Exited(143), byCode);
        assertNotEquals(bySignal, byCode);
        assertEquals("signal SIGTERM (numeric 15)", bySignal.describe());
        assertEquals("exit 143", byCode.describe());
    }

    @Test
    void pinsTheChildToItsCpusAndRestoresTheSpawningThread() throws Exception {
        String processCpus = cpusAllowed(Path.of("/proc/self/status"));
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs 2 CPUs to tell pinned from unpinned");
        FifoReader console = console(":pinned");
        TenderProcess one = spawn(spec(":pinned", hello, List.of("--x-hang"), List.of(1)));
        TenderProcess both = spawn(spec(":pinned", hello, List.of("--x-hang"), List.of(0, 1)));
        TenderProcess unpinned = spawn(spec(":pinned", hello, List.of("--x-hang"), List.of()));
        console.awaitLines(3, TIMEOUT);
        assertEquals("1", cpusAllowed(Path.of("/proc", Integer.toString(one.pid()), "status")));
        assertEquals("0-1", cpusAllowed(Path.of("/proc", Integer.toString(both.pid()), "status")));
        assertEquals(processCpus, cpusAllowed(Path.of("/proc", Integer.toString(unpinned.pid()), "status")));
        assertEquals(processCpus, cpusAllowed(Path.of("/proc/thread-self/status")), "the spawning thread's mask");
    }

    @Test
    void refusesCpusThatAreNotAvailable() throws IOException {
        console(":nocpu");
        IOException e = assertThrows(IOException.class,
                () -> spawn(spec(":nocpu", hello, List.of(), List.of(1000))));
        assertEquals("pinning :nocpu to CPUs 1000: Invalid argument", e.getMessage());
        assertEquals(0, supervisor.supervisedCount());
    }

    @Test
    void theChildInheritsNoDescriptorsButStdio() throws Exception {
        FifoReader console = console(":fds");
        // java.io opens files without O_CLOEXEC: this one would leak into a plain fork/exec.
        try (FileInputStream leaky = new FileInputStream(hello.toFile())) {
            TenderProcess process = spawn(":fds", "--x-hang");
            console.await("guest: hello"::equals, TIMEOUT);
            Path fds = Path.of("/proc", Integer.toString(process.pid()), "fd");
            List<String> open;
            try (Stream<Path> list = Files.list(fds)) {
                open = list.map(fd -> fd.getFileName().toString()).sorted().toList();
            }
            assertEquals(List.of("0", "1", "2"), open, "leaky fd " + leaky.getFD().valid());
            assertEquals(Path.of("/dev/null"), Files.readSymbolicLink(fds.resolve("0")));
            assertEquals(tmpdir.resolve("fifo/:fds"), Files.readSymbolicLink(fds.resolve("1")));
            assertEquals(tmpdir.resolve("fifo/:fds"), Files.readSymbolicLink(fds.resolve("2")));
        }
    }

    @Test
    void twoHundredChildrenShareOneReaperThread() throws Exception {
        FifoReader console = console(":many");
        int threadsBefore = Thread.activeCount();
        List<TenderProcess> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(spawn(":many", "--x-hang"));
        }
        console.awaitLines(200, TIMEOUT);
        assertEquals(200, supervisor.supervisedCount());
        assertEquals(1, threadsNamed("tender-reaper"));
        assertTrue(Thread.activeCount() - threadsBefore <= 3,
                "threads grew from " + threadsBefore + " to " + Thread.activeCount());
        for (TenderProcess process : many) {
            process.terminate();
        }
        for (TenderProcess process : many) {
            assertEquals(new ExitStatus.Exited(1), exitOf(process));
        }
        assertEquals(0, supervisor.supervisedCount());
    }

    @Test
    void recordsIdentityAndStartTime() throws Exception {
        console(":id");
        Instant before = Instant.now();
        TenderProcess process = spawn(":id", "--x-hang");
        assertEquals(ProcessIdentity.read(process.pid()), process.identity());
        assertTrue(!process.startTime().isBefore(before) && !process.startTime().isAfter(Instant.now()));
        assertEquals(":id", process.name());
    }

    @Test
    void namesTheStepWhenTheTenderCannotBeExecuted() throws IOException {
        console(":missing");
        Path missing = tmpdir.resolve("no-such/solo5-hvt");
        IOException e = assertThrows(IOException.class, () -> spawn(new LaunchSpec(":missing", missing, 16,
                List.of(), List.of(), hello, List.of(), List.of(0), tmpdir.resolve("fifo/:missing"))));
        assertEquals("spawning " + missing + " for :missing: No such file or directory", e.getMessage());
        Path notExecutable = tmpdir.resolve("solo5-hvt");
        Files.writeString(notExecutable, "not a program");
        e = assertThrows(IOException.class, () -> spawn(new LaunchSpec(":missing", notExecutable, 16,
                List.of(), List.of(), hello, List.of(), List.of(), tmpdir.resolve("fifo/:missing"))));
        assertEquals("spawning " + notExecutable + " for :missing: Permission denied", e.getMessage());
        assertEquals(0, supervisor.supervisedCount());
    }

    @Test
    void refusesAConsoleFifoNobodyReads() throws IOException {
        Path fifo = ConsoleFifo.create(tmpdir, ":unread").path();
        IOException e = assertThrows(IOException.class, () -> spawn(":unread", "--x-hang"));
        assertEquals("opening console fifo " + fifo + " for :unread: No such device or address (nobody reads it)",
                e.getMessage());
    }

    @Test
    void closingTheSupervisorLeavesTendersRunning() throws Exception {
        FifoReader console = console(":survivor");
        TenderProcess process = supervisor.spawn(spec(":survivor", hello, List.of("--x-hang"), List.of()));
        console.await("guest: hello"::equals, TIMEOUT);
        supervisor.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> exitOf(process));
        assertTrue(e.getCause() instanceof CancellationException, e.toString());
        assertFalse(process.signal(9), "no longer supervised");
        String state = Files.readString(Path.of("/proc", Integer.toString(process.pid()), "stat"));
        assertTrue(state.contains(") S "), "still running (sleeping): " + state);
        PidFd.killAndReap(process.pid());
    }

    private static int threadsNamed(String name) {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).count();
    }

    private static String cpusAllowed(Path status) throws IOException {
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("Cpus_allowed_list:"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElseThrow();
    }

    private static void awaitCommand(int pid, String command) throws Exception {
        Path comm = Path.of("/proc", Integer.toString(pid), "comm");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!Files.readString(comm).trim().equals(command)) {
            assertTrue(System.nanoTime() < deadline, "process " + pid + " never became " + command);
            Thread.onSpinWait();
        }
    }
}
