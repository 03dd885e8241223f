package dev.albatross.tender.process;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The solo5-hvt test double ({@code tender/src/test/c/solo5-hvt-double.c}), compiled on first use with {@code cc -O2}
 * into {@code tender/target/solo5-hvt-double/} and rebuilt only when the source changes (the binary's directory
 * holds the source's SHA-256). The source is found through the system property {@code albatross.repo} (the reactor
 * root, set by surefire), so other modules' tests can use it as well.
 *
 * <p>Without a C compiler the calling test is skipped, loudly, never passed.
 */
public final class Solo5HvtDouble {
    /** The ABI version the real tender of the recordings reports, and the default of the double. */
    public static final int ABI_VERSION = 2;
    private static final Object LOCK = new Object();

    private Solo5HvtDouble() {
    }

    /** The double reporting ABI version 2, as {@code .../solo5-hvt} (a copy named {@code solo5-hvt.2} lies beside it). */
    public static Path path() {
        return build(ABI_VERSION, repo().resolve("tender/target/solo5-hvt-double"));
    }

    /** A double built to report (and accept images of) another ABI version, for mismatch tests. */
    public static Path pathForAbi(int abi) {
        if (abi == ABI_VERSION) {
            return path();
        }
        return build(abi, repo().resolve("tender/target/solo5-hvt-double/abi" + abi));
    }

    /** The C source of the double. */
    public static Path source() {
        return repo().resolve("tender/src/test/c/solo5-hvt-double.c");
    }

    private static Path repo() {
        String property = System.getProperty("albatross.repo");
        if (property != null && Files.isRegularFile(Path.of(property, "tender/src/test/c/solo5-hvt-double.c"))) {
            return Path.of(property);
        }
        // Run from an IDE without the property: walk up from the working directory.
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("tender/src/test/c/solo5-hvt-double.c"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find tender/src/test/c/solo5-hvt-double.c: set -Dalbatross.repo");
    }

    private static Path build(int abi, Path dir) {
        synchronized (LOCK) {
            try {
                Path binary = dir.resolve("solo5-hvt");
                Path stamp = dir.resolve("source.sha256");
                String hash = sha256(Files.readAllBytes(source())) + " abi " + abi;
                if (Files.isExecutable(binary) && Files.exists(stamp) && Files.readString(stamp).equals(hash)) {
                    return binary;
                }
                String compiler = compiler();
                Files.createDirectories(dir);
                Path temporary = dir.resolve("solo5-hvt.tmp-" + ProcessHandle.current().pid());
                compile(compiler, abi, temporary);
                Files.copy(temporary, dir.resolve("solo5-hvt." + abi), StandardCopyOption.REPLACE_EXISTING);
                // Atomic, so that another JVM running the same build never sees a half-written binary.
                Files.move(temporary, binary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Files.writeString(stamp, hash);
                return binary;
            } catch (IOException e) {
                throw new IllegalStateException("building the solo5-hvt double: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while building the solo5-hvt double", e);
            }
        }
    }

    private static String compiler() {
        Optional<String> found = List.of("cc", "gcc", "clang").stream()
                .filter(Solo5HvtDouble::onPath).findFirst();
        if (found.isEmpty()) {
            String message = "SKIPPED: no C compiler (cc/gcc/clang) on PATH, so the solo5-hvt test double cannot be "
                    + "built and tests that run tenders cannot run. Install one (apt-get install gcc).";
            System.err.println("!!! " + message);
        }
        assumeTrue(found.isPresent(), "no C compiler: cannot build the solo5-hvt test double");
        return found.get();
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static void compile(String compiler, int abi, Path output) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(compiler, "-O2", "-DABI_VERSION=" + abi, "-o", output.toString(),
                source().toString())
                .redirectErrorStream(true)
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(compiler + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
