package dev.albatross.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.albatross.protocol.vectors.VectorCorpus;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers in {@code bin/}, run as real processes. The jar is made by the package phase, after the tests,
 * so a first build from a clean tree skips the end-to-end test (it says so); later builds run it.
 */
class LauncherScriptTest {
    private static final List<String> LAUNCHERS = List.of("albatross-client", "albatrossd", "albatross-tls-endpoint");

    @TempDir
    Path dir;

    /** The checkout: Maven gives it to the tests; when run elsewhere, the module's parent. */
    static Path repo() {
        String repo = System.getProperty("albatross.repo");
        return (repo != null ? Path.of(repo) : Path.of("").toAbsolutePath().getParent()).toAbsolutePath();
    }

    /** A finished process: exit status and both outputs. */
    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Result exec(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Path out = Files.createTempFile("launcher", ".out");
        Path err = Files.createTempFile("launcher", ".err");
        try {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not finish: " + command);
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void runsInspectWireOnARecordedStateFile() throws Exception {
        Path jar = repo().resolve("client/target/albatross-client.jar");
        assumeTrue(Files.isRegularFile(jar), "needs " + jar + ": build it with mvn -DskipTests package first");
        assumeTrue(VectorCorpus.present(), "needs ../shared/vectors beside the checkout: " + VectorCorpus.root());
        Path state = VectorCorpus.stateFiles().get(0).toAbsolutePath();

        Result run = exec(List.of(repo().resolve("bin/albatross-client").toString(), "inspect-wire", "--reencode",
                state.toString()));
        assertEquals(0, run.code(), run.toString());
        assertEquals("", run.err(), run.toString());
        assertTrue(run.out().startsWith("format: state (guessed)\n"), run.toString());
        String[] lines = run.out().split("\n");
        assertEquals(HexFormat.of().formatHex(Files.readAllBytes(state)), lines[lines.length - 1]);

        Result missing = exec(List.of(repo().resolve("bin/albatross-client").toString(), "inspect-wire",
                dir.resolve("absent").toString()));
        assertEquals(124, missing.code(), missing.toString());
        assertEquals("albatross-client: cannot read " + dir.resolve("absent") + ": no such file\n", missing.err());
    }

    @Test
    void runsThroughASymlink() throws Exception {
        Path jar = repo().resolve("client/target/albatross-client.jar");
        assumeTrue(Files.isRegularFile(jar), "needs " + jar + ": build it with mvn -DskipTests package first");
        Path link = Files.createSymbolicLink(dir.resolve("albatross-client"), repo().resolve("bin/albatross-client"));
        Result run;
        try {
            run = exec(List.of(link.toString(), "--version"));
        } finally {
            Files.delete(link); // ourselves: JUnit warns when it meets a link leading out of its directory
        }
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().startsWith("albatross-client "), run.toString());
    }

    @Test
    void everyLauncherSaysHowToBuildItsMissingJar() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String name : LAUNCHERS) {
            Path copy = bin.resolve(name);
            Files.copy(repo().resolve("bin").resolve(name), copy);
            assertTrue(Files.isExecutable(repo().resolve("bin").resolve(name)), name + " is executable");
            List<String> command = new ArrayList<>(List.of(copy.toString(), "--help"));
            Result run = exec(command);
            assertEquals(124, run.code(), name + "\n" + run);
            assertEquals("", run.out(), run.toString());
            String root = dir.toRealPath().toString();
            assertTrue(run.err().startsWith(name + ": " + root + "/"), run.toString());
            assertTrue(run.err().endsWith(".jar is missing; build it with: cd " + root + " && mvn -DskipTests "
                    + "package\n"), run.toString());
        }
    }
}
