package dev.albatross.client;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What one run of the client takes from its process: standard streams, the clock, {@code $TMPDIR}, the working
 * directory (relative file names of the certificate tools resolve against it) and randomness. Tests run the
 * client in-process with their own.
 *
 * @param stdout results and log messages (Albatross prints both there), as raw bytes
 * @param stderr command-line errors
 * @param tempDir where {@code get}, {@code dump-block} and {@code extract-dump} write ({@code $TMPDIR} or /tmp)
 * @param randomness randomness for keys and serials, created on demand (a local command needs none)
 */
public record ClientEnvironment(InputStream stdin, OutputStream stdout, OutputStream stderr, InstantSource clock,
                                Path tempDir, Path workingDir, Supplier<SecureRandom> randomness) {
    public ClientEnvironment {
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(tempDir, "tempDir");
        Objects.requireNonNull(workingDir, "workingDir");
        Objects.requireNonNull(randomness, "randomness");
    }

    public ClientEnvironment(InputStream stdin, OutputStream stdout, OutputStream stderr, InstantSource clock,
                             Path tempDir, Path workingDir, SecureRandom random) {
        this(stdin, stdout, stderr, clock, tempDir, workingDir, () -> random);
    }

    /** Randomness for keys and serial numbers; made on first use, since seeding it costs start-up time. */
    public SecureRandom random() {
        return randomness.get();
    }

    /** A {@link SecureRandom} created when first asked for. */
    public static Supplier<SecureRandom> lazyRandom() {
        return new Supplier<>() {
            private SecureRandom random;

            @Override
            public synchronized SecureRandom get() {
                if (random == null) {
                    random = new SecureRandom();
                }
                return random;
            }
        };
    }

    /** {@code Filename.get_temp_dir_name}: {@code $TMPDIR}, else {@code /tmp}. */
    public static Path defaultTempDir() {
        String tmp = System.getenv("TMPDIR");
        return Path.of(tmp == null || tmp.isEmpty() ? "/tmp" : tmp);
    }

    /** {@code path} as the process would open it: relative names against the working directory. */
    public Path resolve(String path) {
        return workingDir.resolve(path);
    }
}
