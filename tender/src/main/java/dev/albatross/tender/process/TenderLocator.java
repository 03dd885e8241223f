package dev.albatross.tender.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Finds the solo5-hvt tender for an image's ABI version exactly as Albatross does (spec §7.3): the first of
 * {@code <dbdir>/solo5-hvt.<abi>} (if an executable file), {@code solo5-hvt.<abi>} in PATH,
 * {@code <dbdir>/solo5-hvt}, {@code solo5-hvt} in PATH; then {@code <tender> --version} must print a line that is
 * exactly {@code ABI version <abi>} (the real tender prints it on stderr, exit 0).
 *
 * <p>Probe results are cached per (path, modification time, size, file key), so replacing the tender binary is
 * noticed without a daemon restart.
 */
public final class TenderLocator {
    static final String TENDER = "solo5-hvt";
    /** The real tender answers --version in about 2 ms (solo5-hvt.md); anything this slow is broken. */
    public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(5);
    /** --version prints two short lines; more than this is not a tender. */
    private static final int MAX_PROBE_OUTPUT_BYTES = 64 * 1024;

    private final Path dbdir;
    private final List<Path> searchPath;
    private final Duration probeTimeout;
    private final Map<ProbeKey, Probe> probes = new ConcurrentHashMap<>();

    private record ProbeKey(Path path, FileTime modified, long size, Object fileKey) {
    }

    /** What {@code --version} printed (stdout and stderr merged) and its exit code. */
    private record Probe(int exitCode, List<String> lines) {
        boolean reportsAbi(int abi) {
            return lines.contains("ABI version " + abi);
        }
    }

    public TenderLocator(Path dbdir, List<Path> searchPath, Duration probeTimeout) {
        this.dbdir = Objects.requireNonNull(dbdir, "dbdir");
        this.searchPath = List.copyOf(searchPath);
        this.probeTimeout = Objects.requireNonNull(probeTimeout, "probeTimeout");
    }

    /** A locator searching the daemon's own PATH. */
    public static TenderLocator fromEnvironment(Path dbdir) {
        return new TenderLocator(dbdir, parseSearchPath(System.getenv("PATH")), DEFAULT_PROBE_TIMEOUT);
    }

    /** The absolute directories of a PATH value; empty and relative entries are skipped (a daemon has no cwd). */
    public static List<Path> parseSearchPath(String path) {
        List<Path> dirs = new ArrayList<>();
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isEmpty() && Path.of(entry).isAbsolute()) {
                    dirs.add(Path.of(entry));
                }
            }
        }
        return List.copyOf(dirs);
    }

    /**
     * The tender to run an image of ABI version {@code abi}.
     *
     * @throws TenderLookupException if none is found, or the first one found does not report that ABI version
     *                               (Albatross does not look further either)
     */
    public Path locate(int abi) throws TenderLookupException {
        List<String> looked = new ArrayList<>();
        for (String name : List.of(TENDER + "." + abi, TENDER)) {
            Path inDbdir = dbdir.resolve(name);
            looked.add(inDbdir.toString());
            if (isExecutableFile(inDbdir)) {
                return checked(inDbdir, abi);
            }
            looked.add(name + " in PATH");
            Optional<Path> inPath = searchPath.stream().map(dir -> dir.resolve(name))
                    .filter(TenderLocator::isExecutableFile).findFirst();
            if (inPath.isPresent()) {
                return checked(inPath.get(), abi);
            }
        }
        throw new TenderLookupException(
                "no " + TENDER + " tender found for ABI " + abi + " (looked in " + String.join(", ", looked) + ")",
                "no " + TENDER + " tender found for ABI " + abi);
    }

    private Path checked(Path tender, int abi) throws TenderLookupException {
        Probe probe = probe(tender);
        if (probe.exitCode() != 0) {
            throw new TenderLookupException("tender " + tender + " --version exited with " + probe.exitCode(),
                    TENDER + " --version failed");
        }
        if (probe.reportsAbi(abi)) {
            return tender;
        }
        List<String> reported = probe.lines().stream()
                .filter(line -> line.matches("ABI version [0-9]+"))
                .map(line -> line.substring("ABI version ".length())).toList();
        if (reported.isEmpty()) {
            throw new TenderLookupException("tender " + tender + " --version printed no 'ABI version <n>' line, got: "
                    + String.join("\\n", probe.lines()), TENDER + " --version printed no ABI version");
        }
        String versions = String.join(", ", reported);
        throw new TenderLookupException("tender " + tender + " reports ABI version " + versions + ", image needs " + abi,
                TENDER + " reports ABI version " + versions + ", image needs " + abi);
    }

    private Probe probe(Path tender) throws TenderLookupException {
        ProbeKey key;
        try {
            BasicFileAttributes attributes = Files.readAttributes(tender, BasicFileAttributes.class);
            key = new ProbeKey(tender, attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        } catch (IOException e) {
            throw failure(tender, "reading its attributes: " + e.getMessage(), e);
        }
        Probe cached = probes.get(key);
        if (cached != null) {
            return cached;
        }
        Probe probe = runVersion(tender);
        probes.put(key, probe);
        return probe;
    }

    private Probe runVersion(Path tender) throws TenderLookupException {
        Path output = null;
        try {
            // Output goes to a file, not a pipe: a hung tender holding the pipe open would block our read past
            // the timeout.
            output = Files.createTempFile("solo5-hvt-version", ".txt");
            ProcessBuilder builder = new ProcessBuilder(tender.toString(), "--version")
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().clear();
            builder.environment().put("PATH", Spawner.ENVIRONMENT.get(0).substring("PATH=".length()));
            Process process = builder.start();
            if (!process.waitFor(probeTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw failure(tender, "--version did not finish within " + probeTimeout.toMillis() + " ms", null);
            }
            return new Probe(process.exitValue(), readLines(output));
        } catch (IOException e) {
            throw failure(tender, "running --version: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(tender, "interrupted while running --version", e);
        } finally {
            deleteQuietly(output);
        }
    }

    private static List<String> readLines(Path output) throws IOException {
        try (InputStream in = Files.newInputStream(output)) {
            String text = new String(in.readNBytes(MAX_PROBE_OUTPUT_BYTES), StandardCharsets.UTF_8);
            return text.lines().toList();
        }
    }

    private static TenderLookupException failure(Path tender, String what, Exception cause) {
        TenderLookupException e = new TenderLookupException("tender " + tender + ": " + what,
                TENDER + " --version failed");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /**
     * A regular file we may execute: stat(2) and access(2, X_OK), as {@code Files.isRegularFile} and
     * {@code isExecutable} would check, but through {@link File}, which answers a missing file without building
     * an exception: most candidates of a lookup are missing, and every create looks up its tender.
     */
    private static boolean isExecutableFile(Path path) {
        File file = path.toFile();
        return file.isFile() && file.canExecute();
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover temp file of a few bytes; nothing depends on it.
        }
    }
}
