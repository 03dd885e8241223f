package dev.albatross.protocol.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The recorded Albatross corpus in {@code ../shared/vectors} (see its README): exchanges, frames,
 * certificate sets and state files. Test support, shared with other modules' tests through the test jar.
 *
 * <p>Every file present is loaded, so held-out parts of the corpus added later are tested the same way.
 */
public final class VectorCorpus {
    private static final ObjectMapper JSON = new ObjectMapper();

    private VectorCorpus() {
    }

    /** {@code ../shared/vectors}, from the {@code albatross.shared} property Maven sets, or beside the checkout. */
    public static Path root() {
        String shared = System.getProperty("albatross.shared");
        Path base = shared != null ? Path.of(shared) : Path.of("..", "shared");
        Path vectors = base.resolve("vectors");
        if (!Files.isDirectory(vectors)) {
            Path alt = Path.of("..", "..", "shared", "vectors");
            if (Files.isDirectory(alt)) {
                return alt;
            }
        }
        return vectors;
    }

    /** True if the corpus is where it should be; tests that need it are skipped, loudly, otherwise. */
    public static boolean present() {
        return Files.isDirectory(root());
    }

    /** One recorded frame. */
    public record Frame(String exchange, int index, int conn, String dir, String socket, int length, byte[] payload,
            Optional<JsonNode> decoded, Optional<String> note, boolean internal) {

        /** Whether the recorder could decode it as a wire message. */
        public boolean isWire() {
            return decoded.isPresent();
        }

        public String id() {
            return exchange + "#" + index + (internal ? " (internal " : " (") + socket + " " + dir + ")";
        }

        @Override
        public String toString() {
            return id();
        }
    }

    /** One exchange file. */
    public record Exchange(String id, JsonNode json, List<Frame> frames) {
        public boolean rawClient() {
            return json.path("raw_client").asBoolean(false);
        }

        /** A raw exchange the real daemon answered by closing the connection (no frame towards the client). */
        public boolean rejectedByDaemon() {
            return rawClient() && frames.stream().noneMatch(f -> !f.internal() && f.dir().equals("s2c"));
        }

        public Optional<Integer> exitCode() {
            JsonNode code = json.get("exit_code");
            return code == null || code.isNull() ? Optional.empty() : Optional.of(code.asInt());
        }

        public String clientOutput() {
            return json.path("client_output").asText("");
        }

        @Override
        public String toString() {
            return id;
        }
    }

    public static List<Exchange> exchanges() {
        try (Stream<Path> files = Files.list(root())) {
            List<Exchange> all = new ArrayList<>();
            for (Path p : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                all.add(exchange(p));
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Exchange exchange(String id) {
        return exchange(root().resolve(id + ".json"));
    }

    private static Exchange exchange(Path file) {
        JsonNode json = read(file);
        String id = json.path("id").asText(file.getFileName().toString().replace(".json", ""));
        List<Frame> frames = new ArrayList<>();
        int i = 0;
        for (JsonNode f : json.path("frames")) {
            frames.add(frame(id, i++, f, false));
        }
        JsonNode internal = json.get("daemon_internal_frames");
        if (internal != null && internal.isArray()) {
            for (JsonNode f : internal) {
                frames.add(frame(id, i++, f, true));
            }
        } else if (internal != null && internal.isObject()) {
            for (JsonNode list : internal) {
                for (JsonNode f : list) {
                    frames.add(frame(id, i++, f, true));
                }
            }
        }
        return new Exchange(id, json, frames);
    }

    private static Frame frame(String exchange, int index, JsonNode f, boolean internal) {
        String hex = f.path("hex").asText("");
        JsonNode decoded = f.get("decoded");
        JsonNode note = f.get("note");
        return new Frame(exchange, index, f.path("conn").asInt(), f.path("dir").asText(), f.path("socket").asText(),
                f.path("length").asInt(), HexFormat.of().parseHex(hex),
                decoded == null || decoded.isNull() ? Optional.empty() : Optional.of(decoded),
                note == null || note.isNull() ? Optional.empty() : Optional.of(note.asText()), internal);
    }

    /** Every frame of every exchange. */
    public static List<Frame> frames() {
        return exchanges().stream().flatMap(e -> e.frames().stream()).toList();
    }

    /** The certificate sets ({@code certs/*}), each a directory with a {@code certs.json}. */
    public static List<Path> certificateSets() {
        Path certs = root().resolve("certs");
        if (!Files.isDirectory(certs)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(certs)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("certs.json"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recorded state files ({@code state/*.der}). */
    public static List<Path> stateFiles() {
        Path state = root().resolve("state");
        if (!Files.isDirectory(state)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(state)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".der")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The image {@code vectors/images/<name>}. */
    public static Path image(String name) {
        return root().resolve("images").resolve(name);
    }

    public static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
