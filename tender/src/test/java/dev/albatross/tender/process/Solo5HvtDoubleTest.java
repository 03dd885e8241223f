package dev.albatross.tender.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.tender.elf.Solo5ImageBuilder;
import dev.albatross.tender.elf.Solo5Target;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The double against the observed behaviour of the real tender, shared/spec/solo5-hvt.md. */
class Solo5HvtDoubleTest {
    private static final Path IMAGES = Path.of(System.getProperty("albatross.shared", "../../shared"),
            "vectors/images");

    @TempDir
    Path tmp;

    private Path tender;
    private String hello;
    private String blk;

    @BeforeEach
    void setUp() {
        tender = Solo5HvtDouble.path();
        hello = IMAGES.resolve("hello.hvt").toString();
        blk = IMAGES.resolve("blk.hvt").toString();
    }

    private DoubleRun run(String... args) throws IOException, InterruptedException {
        return DoubleRun.run(tender, List.of(args));
    }

    private Path disk(long bytes) throws IOException {
        Path disk = Files.createTempFile(tmp, "disk", ".img");
        try (RandomAccessFile file = new RandomAccessFile(disk.toFile(), "rw")) {
            file.setLength(bytes);
        }
        return disk;
    }

    private static String usage() {
        return "usage: solo5-hvt [ CORE OPTIONS ] [ MODULE OPTIONS ] [ -- ] KERNEL [ ARGS ]\n";
    }

    @Test
    void printsItsVersionOnStderrWithExit0() throws Exception {
        assertEquals(new DoubleRun(0, "", "solo5-hvt tender, version v0.12.1-7-g469c1a8\nABI version 2\n"),
                run("--version", hello));
    }

    @Test
    void printsUsageOnStderrWithExit1ForHelpOrWithoutKernel() throws Exception {
        DoubleRun help = run("--mem=4", "--help");
        assertEquals(1, help.exitCode());
        assertTrue(help.stderr().startsWith(usage()), help.stderr());
        assertTrue(help.stderr().contains("    --net:NAME=IFACE | @NN (attach tap at IFACE or at fd @NN as network NAME)\n"));
        DoubleRun none = run("--mem=4");
        assertEquals(1, none.exitCode());
        assertTrue(none.stderr().startsWith("solo5-hvt: Missing KERNEL operand\n" + usage()), none.stderr());
    }

    @Test
    void runsTheCorpusHelloImageLikeTheRealTender() throws Exception {
        assertEquals(new DoubleRun(0, "guest: hello\n", ""), run("--mem=8", "--", hello));
    }

    @Test
    void roundsMemoryDownTo2MiBWithANote() throws Exception {
        assertEquals(new DoubleRun(0, "guest: hello\n", "solo5-hvt: adjusting memory to 4194304 bytes\n"),
                run("--mem=5", hello));
        assertEquals("solo5-hvt: adjusting memory to 2097152 bytes\n", run("--mem=1", hello).stderr());
        assertEquals("solo5-hvt: adjusting memory to 2097152 bytes\n", run("--mem=3", hello).stderr());
        assertEquals("", run("--mem=4096", hello).stderr());
    }

    @Test
    void refusesMalformedAndTooLargeMemory() throws Exception {
        assertEquals(new DoubleRun(1, "", "solo5-hvt: Malformed argument to --mem\n"), run("--mem=0", hello));
        assertEquals(new DoubleRun(1, "", "solo5-hvt: Malformed argument to --mem\n"), run("--mem=abc", hello));
        assertEquals(new DoubleRun(1, "", "solo5-hvt: guest memory size 4297064448 bytes exceeds the max size "
                + "4294967296 bytes\n"), run("--mem=4098", hello));
    }

    @Test
    void theMemoryMapOfTheBannerFollowsMem() throws Exception {
        DoubleRun run = run("--mem=64", hello, "--x-banner");
        assertEquals(0, run.exitCode());
        assertTrue(run.stdout().contains("Solo5: Memory map: 64 MB addressable:\n"), run.stdout());
        assertTrue(run.stdout().contains("Solo5:       heap >= 0x30c000 < stack < 0x4000000\n"), run.stdout());
        assertTrue(run.stdout().endsWith("guest: hello\nSolo5: solo5_exit(0) called\n"), run.stdout());
        assertTrue(run("--mem=2", hello, "--x-banner").stdout()
                .endsWith("Solo5: ABORT: mem.c:54: Not enough memory\n"));
    }

    @Test
    void joinsGuestArgumentsWithSingleSpaces() throws Exception {
        assertTrue(run(hello, "a", "b", "c d", "--x", "--x-print-args").stdout()
                .contains("Command line is: 'a b c d --x --x-print-args'\n"));
        assertTrue(run("--", hello, "--", "--mem=4", "--x-print-args").stdout()
                .contains("Command line is: '-- --mem=4 --x-print-args'\n"));
    }

    @Test
    void quietSuppressesTheBindingsOutputAndLeavesTheCommandLine() throws Exception {
        assertEquals(new DoubleRun(0, "guest: hello\nCommand line is: '--x-print-args'\n", ""),
                run(hello, "--solo5:quiet", "--x-print-args"));
    }

    @Test
    void refusesAGuestCommandLineOver8191Characters() throws Exception {
        assertEquals(0, run(hello, "x".repeat(8191)).exitCode());
        assertEquals(new DoubleRun(1, "", "solo5-hvt: Guest command line too long (max=8191 characters)\n"),
                run(hello, "x".repeat(4096), "y".repeat(4095)));
    }

    @Test
    void exitsWithTheLowByteAndPrintsTheWholeValue() throws Exception {
        int[][] cases = {{1, 1}, {2, 2}, {42, 42}, {254, 254}, {255, 255}, {256, 0}, {300, 44}, {-1, 255}};
        for (int[] c : cases) {
            DoubleRun run = run(hello, "--x-exit=" + c[0]);
            assertEquals(c[1], run.exitCode(), "exit " + c[0]);
            assertTrue(run.stdout().endsWith("guest: hello\nSolo5: solo5_exit(" + c[0] + ") called\n"), run.stdout());
        }
        DoubleRun abort = run(hello, "--x-abort");
        assertEquals(255, abort.exitCode());
        assertTrue(abort.stdout().endsWith("Solo5: solo5_abort() called\n"));
    }

    @Test
    void requiresEveryManifestDeviceAndParsesNoOptionAfterKernel() throws Exception {
        Path disk = disk(4 << 20);
        assertEquals(new DoubleRun(1, "", "solo5-hvt: Device 'storage' of type BLOCK_BASIC declared but not attached.\n"
                + "solo5-hvt: All declared devices must be attached. See --help for syntax.\n"),
                run(blk, "--block:storage=" + disk));
    }

    @Test
    void refusesDevicesThatAreNotInTheManifest() throws Exception {
        DoubleRun run = run("--block:foo=/nonexistent", hello);
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().startsWith("solo5-hvt: Resource not declared in manifest: 'foo'\n"
                + "solo5-hvt: Invalid option: `--block:foo=/nonexistent'\n" + usage()), run.stderr());
        DoubleRun wrongType = run("--net:storage=tap0", blk);
        assertTrue(wrongType.stderr().startsWith("solo5-hvt: Resource not declared in manifest: 'storage'\n"),
                wrongType.stderr());
    }

    @Test
    void attachesBlockFilesAndChecksTheirSize() throws Exception {
        long started = System.nanoTime();
        assertEquals(new DoubleRun(0, "guest: hello\n", ""), run("--block:storage=" + disk(4 << 20), "--", blk));
        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(1900), "blk.hvt waits about 2 s");
        Path small = disk(6 * 1024);
        assertEquals(new DoubleRun(1, "", "solo5-hvt: storage: Backing storage size must be block aligned (4096 "
                + "bytes)\n"), run("--block:storage=" + small, "--block-sector-size:storage=4096", blk));
        for (String size : new String[] {"521", "256"}) {
            DoubleRun run = run("--block:storage=" + small, "--block-sector-size:storage=" + size, blk);
            assertEquals(1, run.exitCode());
            assertTrue(run.stderr().startsWith("solo5-hvt: Block size must be a multiple of 2 greater than or equal "
                    + "512\nsolo5-hvt: Invalid option: `--block-sector-size:storage=" + size + "'\n" + usage()));
        }
        assertEquals(new DoubleRun(1, "", "solo5-hvt: Could not open block device: /nonexistent/disk: No such file "
                + "or directory\n"), run("--block:storage=/nonexistent/disk", blk));
    }

    @Test
    void readsTheNotesOfTheKernel() throws Exception {
        Path spt = tmp.resolve("hello.spt");
        Files.write(spt, Solo5ImageBuilder.hvt().target(Solo5Target.SPT).build());
        assertEquals(new DoubleRun(1, "", "solo5-hvt: " + spt + ": Executable is not for the solo5-hvt target\n"),
                run(spt.toString()));
        Path abi1 = tmp.resolve("abi1.hvt");
        Files.write(abi1, Solo5ImageBuilder.hvt().abiVersion(1).build());
        assertEquals(new DoubleRun(1, "", "solo5-hvt: " + abi1 + ": Executable requests unsupported ABI version 1\n"),
                run(abi1.toString()));
        Path noAbi = tmp.resolve("noabi.hvt");
        Files.write(noAbi, Solo5ImageBuilder.hvt().omitAbiNote().build());
        assertEquals(new DoubleRun(1, "", "solo5-hvt: " + noAbi + ": No Solo5 ABI information found in executable\n"),
                run(noAbi.toString()));
        Path noManifest = tmp.resolve("nomft.hvt");
        Files.write(noManifest, Solo5ImageBuilder.hvt().omitManifestNote().build());
        assertEquals(new DoubleRun(1, "", "solo5-hvt: " + noManifest + ": No Solo5 manifest found in executable\n"),
                run(noManifest.toString()));
        Path notElf = Files.writeString(tmp.resolve("script.hvt"), "#!/bin/sh\n".repeat(10));
        assertEquals(new DoubleRun(1, "", "solo5-hvt: " + notElf + ": invalid executable: invalid or unsupported "
                + "executable (elf header invalid while loading note)\n"), run(notElf.toString()));
        assertEquals(new DoubleRun(1, "", "solo5-hvt: /nonexistent.hvt: Could not open: No such file or directory\n"),
                run("/nonexistent.hvt"));
    }

    @Test
    void exitsWith1OnSigintAndSigtermAndDiesOfOtherSignals() throws Exception {
        for (String signal : new String[] {"INT", "TERM", "HUP", "USR1"}) {
            Path out = tmp.resolve("out-" + signal);
            Path err = tmp.resolve("err-" + signal);
            Process process = new ProcessBuilder(tender.toString(), hello, "--solo5:quiet", "--x-hang")
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                awaitContent(out, "guest: hello\n");
                assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start()
                        .waitFor());
                assertTrue(process.waitFor(10, TimeUnit.SECONDS));
            } finally {
                process.destroyForcibly();
            }
            switch (signal) {
                case "INT" -> assertEquals(List.of(1, "solo5-hvt: Exiting on signal 2\n"),
                        List.of(process.exitValue(), Files.readString(err)));
                case "TERM" -> assertEquals(List.of(1, "solo5-hvt: Exiting on signal 15\n"),
                        List.of(process.exitValue(), Files.readString(err)));
                // ProcessBuilder reports death by signal n as 128+n, like a shell.
                case "HUP" -> assertEquals(List.of(129, ""), List.of(process.exitValue(), Files.readString(err)));
                default -> assertEquals(List.of(138, ""), List.of(process.exitValue(), Files.readString(err)));
            }
        }
    }

    @Test
    void staysSmall() throws Exception {
        List<Process> many = new ArrayList<>();
        try {
            Process process = new ProcessBuilder(tender.toString(), hello, "--solo5:quiet", "--x-hang").start();
            many.add(process);
            process.getInputStream().readNBytes("guest: hello\n".length());
            long rssKb = Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).findFirst().orElseThrow();
            assertTrue(rssKb < 4096, "VmRSS " + rssKb + " kB");
        } finally {
            many.forEach(Process::destroyForcibly);
        }
    }

    private static void awaitContent(Path file, String content) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Files.exists(file) && Files.readString(file).equals(content))) {
            assertTrue(System.nanoTime() < deadline, "no " + content + " in " + file);
            Thread.onSpinWait();
        }
    }
}
