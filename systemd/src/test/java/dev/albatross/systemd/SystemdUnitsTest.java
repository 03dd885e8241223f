package dev.albatross.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The units pass {@code systemd-analyze verify} without a warning, and the install script lays out a system. */
class SystemdUnitsTest {
    private static final Path REPO = Path.of(System.getProperty("albatross.repo", ".."));
    private static final Path UNITS = REPO.resolve("systemd").resolve("units");

    @TempDir
    Path dir;

    private static boolean onPath(String command) {
        for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!p.isEmpty() && Files.isExecutable(Path.of(p, command))) {
                return true;
            }
        }
        return false;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + command);
        assertEquals(0, p.exitValue(), command + " failed:\n" + out);
        return out;
    }

    @Test
    void unitsVerifyWithoutWarnings() throws Exception {
        assumeTrue(onPath("systemd-analyze"), "needs systemd-analyze (Debian package systemd; .ci/run installs it)");
        // verify checks that ExecStart programs exist: point the units at stand-ins under the test directory.
        Path libexec = Files.createDirectories(dir.resolve("usr/libexec/albatross"));
        for (String program : List.of("albatrossd", "albatross-tls-endpoint")) {
            Path p = libexec.resolve(program);
            Files.writeString(p, "#!/bin/sh\n");
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path units = Files.createDirectories(dir.resolve("units"));
        List<String> command = new ArrayList<>(List.of("systemd-analyze", "verify"));
        try (Stream<Path> files = Files.list(UNITS)) {
            for (Path unit : files.sorted().toList()) {
                String text = Files.readString(unit).replace("/usr/libexec/albatross/", libexec + "/");
                Path copy = units.resolve(unit.getFileName());
                Files.writeString(copy, text);
                command.add(copy.toString());
            }
        }
        assertEquals(6, command.size() - 2, "unit files");
        String out = run(command);
        // Warnings about directives this systemd does not know would otherwise go unnoticed.
        List<String> unitWarnings = out.lines().filter(l -> l.contains(units.toString())).toList();
        assertEquals(List.of(), unitWarnings, out);
    }

    @Test
    void installLaysOutJarsLaunchersAndUnits() throws Exception {
        assumeTrue(Files.exists(REPO.resolve("daemon/target/albatrossd.jar"))
                && Files.exists(REPO.resolve("client/target/albatross-client.jar")),
                "needs the daemon's and client's jars (mvn package or verify builds them before this test)");
        Path dest = dir.resolve("root");
        run(List.of(REPO.resolve("systemd/install.sh").toString(), "--destdir", dest.toString()));
        for (String file : List.of("usr/lib/albatross/albatrossd.jar", "usr/lib/albatross/albatross-client.jar",
                "lib/systemd/system/albatross_daemon.service", "lib/systemd/system/albatross_tls_endpoint.socket")) {
            assertTrue(Files.isRegularFile(dest.resolve(file)), file);
        }
        for (String launcher : List.of("usr/libexec/albatross/albatrossd", "usr/libexec/albatross/albatross-tls-endpoint",
                "usr/bin/albatross-client")) {
            assertTrue(Files.isExecutable(dest.resolve(launcher)), launcher);
        }
        try (Stream<Path> libs = Files.list(dest.resolve("usr/lib/albatross/lib"))) {
            assertTrue(libs.anyMatch(p -> p.getFileName().toString().startsWith("netty")), "daemon dependencies");
        }
    }
}
