package dev.albatross.client.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.albatross.client.CliRun;
import dev.albatross.protocol.vectors.VectorCorpus;
import dev.albatross.protocol.wire.Framing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * inspect-wire over the whole recorded corpus (../shared/vectors): every frame as a bare message and as a
 * frame, every state file, every certificate and CSR. What Albatross decoded shows and re-encodes to the
 * recorded bytes; what the real daemon refused is refused with one error line.
 */
class InspectWireVectorsTest {

    @BeforeAll
    static void corpusIsThere() {
        assumeTrue(VectorCorpus.present(), "needs ../shared/vectors beside the checkout: " + VectorCorpus.root());
    }

    /** The corpus, read once: parsing its JSON (megabytes of hex) for every case would dominate the run. */
    private static final List<VectorCorpus.Exchange> EXCHANGES =
            VectorCorpus.present() ? VectorCorpus.exchanges() : List.of();

    /** Exchanges whose message the real daemon refused (it closed the connection without a reply). */
    private static final Set<String> REFUSED = EXCHANGES.stream().filter(VectorCorpus.Exchange::rejectedByDaemon)
            .map(VectorCorpus.Exchange::id).collect(Collectors.toUnmodifiableSet());

    /** Frames the real Albatross decoded (the recorder could, and the daemon did not refuse them). */
    static boolean decodable(VectorCorpus.Frame frame) {
        return frame.isWire() && !REFUSED.contains(frame.exchange());
    }

    static Stream<VectorCorpus.Frame> frames() {
        return EXCHANGES.stream().flatMap(e -> e.frames().stream());
    }

    static byte[] framed(VectorCorpus.Frame frame) {
        byte[] prefix = Framing.lengthPrefix(frame.length());
        byte[] out = new byte[4 + frame.payload().length];
        System.arraycopy(prefix, 0, out, 0, 4);
        System.arraycopy(frame.payload(), 0, out, 4, frame.payload().length);
        return out;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void showsEachFrameAsAWireMessageOrRefusesIt(VectorCorpus.Frame frame) {
        CliRun run = CliRun.run(frame.payload(), "inspect-wire", "--format=wire", "--reencode");
        if (decodable(frame)) {
            Expect.shown(run, "format: wire", frame.id());
            assertEquals(hex(frame.payload()), run.lastLine(), frame.id());
            assertTrue(run.outLines().get(1).startsWith("header: version 5, sequence "), frame.id());
        } else if (frame.length() <= 0) {
            Expect.oneErrorLine(run, frame.id());
            assertEquals("albatross-client: wire: offset 0, input: empty input\n", run.err());
        } else {
            Expect.malformed(run, "wire", frame.id());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void showsEachFrameAsAFrame(VectorCorpus.Frame frame) {
        CliRun run = CliRun.run(framed(frame), "inspect-wire", "--format=frame", "--reencode");
        if (frame.isWire() && !decodable(frame) || frame.exchange().equals("043-raw-trailing")) {
            // Refused by the daemon: a malformed message in a well-formed frame.
            Expect.malformed(run, "frame", frame.id());
            return;
        }
        Expect.shown(run, "format: frame", frame.id());
        assertEquals(hex(frame.payload()), run.lastLine(), frame.id() + ": the DER (or raw) payload");
        String second = run.outLines().get(1);
        if (frame.length() <= 0) {
            assertEquals("frame: length " + frame.length() + ", end of stream marker", second);
        } else if (frame.isWire()) {
            assertEquals("frame: length " + frame.length(), second);
        } else {
            assertEquals("frame: length " + frame.length() + ", raw chunk", second, frame.id());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void guessesWireMessagesAndFrames(VectorCorpus.Frame frame) {
        CliRun asFrame = CliRun.run(framed(frame), "inspect-wire");
        if (frame.isWire() && !decodable(frame) || frame.exchange().equals("043-raw-trailing")) {
            Expect.malformed(asFrame, "frame", frame.id());
            Expect.malformed(CliRun.run(frame.payload(), "inspect-wire"), "wire", frame.id());
            return;
        }
        Expect.shown(asFrame, "format: frame (guessed)", frame.id());
        if (decodable(frame)) {
            Expect.shown(CliRun.run(frame.payload(), "inspect-wire"), "format: wire (guessed)", frame.id());
        }
    }

    static Stream<Path> stateFiles() {
        return VectorCorpus.present() ? VectorCorpus.stateFiles().stream() : Stream.empty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stateFiles")
    void showsStateFilesAndReencodesThemIdentically(Path file) throws IOException {
        CliRun run = CliRun.run("inspect-wire", "--reencode", file.toString());
        Expect.shown(run, "format: state (guessed)", file.toString());
        assertEquals(hex(Files.readAllBytes(file)), run.lastLine());
        Expect.shown(CliRun.run("inspect-wire", "--format=state", file.toString()), "format: state",
                file.toString());
    }

    /** One certificate file or CSR of {@code certs/*}, with what its certs.json says of it. */
    record CertFile(Path path, JsonNode entry) {
        boolean isRequest() {
            return entry.path("kind").asText().contains("CSR");
        }

        /** The certificates in the file, leaf first (a CSR counts as one). */
        List<JsonNode> items() {
            List<JsonNode> items = new ArrayList<>();
            if (isRequest()) {
                items.add(entry);
            } else {
                entry.path("certificates").forEach(items::add);
            }
            return items;
        }

        @Override
        public String toString() {
            return path.getParent().getFileName() + "/" + path.getFileName();
        }
    }

    static Stream<CertFile> certFiles() {
        if (!VectorCorpus.present()) {
            return Stream.empty();
        }
        List<CertFile> files = new ArrayList<>();
        for (Path set : VectorCorpus.certificateSets()) {
            VectorCorpus.read(set.resolve("certs.json")).path("files").properties().forEach(f -> {
                CertFile file = new CertFile(set.resolve(f.getKey()), f.getValue());
                if (file.isRequest() || f.getValue().has("certificates")) {
                    files.add(file);
                }
            });
        }
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("certFiles")
    void showsEveryCertificateOfAPemFile(CertFile file) {
        CliRun run = CliRun.run("inspect-wire", file.path().toString());
        Expect.shown(run, "format: cert (guessed)", file.toString());
        String kind = file.isRequest() ? "certificate-request" : "certificate";
        List<JsonNode> items = file.items();
        for (int i = 0; i < items.size(); i++) {
            int at = run.outLines().indexOf(kind + " " + (i + 1) + ":");
            assertTrue(at > 0, file + ": no " + kind + " " + (i + 1) + "\n" + run);
            assertEquals("  subject: " + items.get(i).path("subject").asText(), run.outLines().get(at + 1));
        }
        reencodesTheLeafExtension(CliRun.run("inspect-wire", "--format=cert", "--reencode", file.path().toString()),
                items.get(0), file.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("certFiles")
    void showsEachCertificateGivenAsDer(CertFile file) {
        for (JsonNode item : file.items()) {
            byte[] der = HexFormat.of().parseHex(item.path("der_hex").asText());
            CliRun run = CliRun.run(der, "inspect-wire", "--reencode", "-");
            if (item.has("albatross_extension")) {
                Expect.shown(run, "format: cert (guessed)", file + " " + item.path("subject"));
            }
            reencodesTheLeafExtension(run, item, file + " " + item.path("subject"));
        }
    }

    private static void reencodesTheLeafExtension(CliRun run, JsonNode leaf, String what) {
        JsonNode extension = leaf.get("albatross_extension");
        if (extension == null || extension.isNull()) {
            Expect.oneErrorLine(run, what);
            assertTrue(run.err().endsWith("no albatross extension to re-encode\n"), run.toString());
        } else {
            assertEquals(0, run.code(), () -> what + "\n" + run);
            assertEquals(extension.path("extn_value_hex").asText(), run.lastLine(), what);
        }
    }

    @Test
    void showsEveryExtensionValueOnItsOwn() {
        certFiles().flatMap(f -> f.items().stream()).filter(i -> i.has("albatross_extension")).forEach(item -> {
            String hex = item.path("albatross_extension").path("extn_value_hex").asText();
            CliRun run = CliRun.run(HexFormat.of().parseHex(hex), "inspect-wire", "--reencode");
            Expect.shown(run, "format: extension (guessed)", item.path("subject").asText());
            assertEquals("version: 5", run.outLines().get(1));
            assertEquals(hex, run.lastLine());
        });
    }

    @Test
    void theCorpusHasEveryKindOfInput() {
        assertTrue(frames().filter(InspectWireVectorsTest::decodable).count() > 100);
        assertTrue(frames().anyMatch(f -> f.length() <= 0), "an end-of-stream marker");
        assertTrue(frames().anyMatch(f -> !f.isWire() && f.length() > 0), "a raw chunk");
        assertTrue(stateFiles().count() >= 1);
        assertTrue(certFiles().anyMatch(CertFile::isRequest));
        assertTrue(certFiles().anyMatch(f -> f.items().size() > 1), "a chain");
    }
}
