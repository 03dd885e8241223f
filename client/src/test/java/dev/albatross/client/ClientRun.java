package dev.albatross.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;

/**
 * One in-process run of {@code albatross-client} with its own environment (clock, $TMPDIR, working directory),
 * capturing standard output and error as bytes.
 */
public record ClientRun(int code, byte[] stdout, byte[] stderr) {

    /** A run's surroundings; {@code clock} defaults to now, the directories to the given one. */
    public record Setup(Path tempDir, Path workingDir, InstantSource clock) {
        public static Setup in(Path dir) {
            return new Setup(dir, dir, InstantSource.system());
        }

        public Setup at(Instant now) {
            return new Setup(tempDir, workingDir, InstantSource.fixed(now));
        }

        public Setup tempDir(Path dir) {
            return new Setup(dir, workingDir, clock);
        }
    }

    public static ClientRun run(Setup setup, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ClientEnvironment env = new ClientEnvironment(new ByteArrayInputStream(new byte[0]), out, err, setup.clock(),
                setup.tempDir(), setup.workingDir(), new SecureRandom());
        int code = AlbatrossClient.run(args, env);
        return new ClientRun(code, out.toByteArray(), err.toByteArray());
    }

    public String out() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public String err() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    /** Both outputs as the recorder saw them (only one of them is ever non-empty in practice). */
    public String output() {
        return out() + err();
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- stdout\n" + abbreviate(out()) + "--- stderr\n" + err();
    }

    private static String abbreviate(String s) {
        return s.length() > 4000 ? s.substring(0, 4000) + "...\n" : s;
    }
}
