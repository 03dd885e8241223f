package dev.albatross.client.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.albatross.client.ClientRun;
import dev.albatross.client.transport.Zlib;
import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.vectors.VectorCorpus;
import dev.albatross.protocol.wire.UnikernelCmd;
import dev.albatross.protocol.wire.UnikernelConfig;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.wire.WireCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recorded exchange of the stock client with a local daemon (../shared/vectors), replayed: our client runs
 * in-process against {@link FakeDaemon}, which answers with the recorded frames on the recorded socket. What our
 * client sends must be the recorded bytes, and what it prints and its exit status must be the recorded ones.
 *
 * <p>Deviations, each deliberate and listed in {@link #DEVIATIONS}: streams the recorder stopped with SIGTERM end
 * here with the daemon closing (exit 0, same output); images and block data compressed with zlib differ in bytes
 * from the {@code decompress} library's, so they are compared inflated.
 */
class LocalVectorsTest {
    /** Exchanges whose exit status we change on purpose, with what we do instead. */
    static final Map<String, Integer> DEVIATIONS = Map.of(
            // Albatross's client dies of SIGPIPE sending data the daemon refused; we read and print the refusal.
            "030-set-block-unknown", 117);
    static final Map<String, String> OUTPUT_DEVIATIONS = Map.of(
            "030-set-block-unknown",
            "albatross-client: [WARNING] host [unikernel: :nodisk]: command failed set block: not found\n");

    private static final Pattern DUMPED = Pattern.compile("\\.(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d)-00:00");

    @TempDir
    Path dir;

    @BeforeAll
    static void corpusIsThere() {
        assumeTrue(VectorCorpus.present(), "needs ../shared/vectors beside the checkout: " + VectorCorpus.root());
    }

    static Stream<VectorCorpus.Exchange> localExchanges() {
        if (!VectorCorpus.present()) {
            return Stream.empty();
        }
        return VectorCorpus.exchanges().stream().filter(e -> !e.rawClient() && isLocal(e));
    }

    static List<String> argv(VectorCorpus.Exchange e) {
        List<String> args = new ArrayList<>();
        e.json().path("argv").forEach(a -> args.add(a.asText()));
        return args;
    }

    static boolean isLocal(VectorCorpus.Exchange e) {
        List<String> a = argv(e);
        return !a.isEmpty() && a.stream().noneMatch(s -> s.startsWith("--destination") || s.equals("-d"))
                && !a.get(1).equals("certificate");
    }

    static List<VectorCorpus.Frame> clientFrames(VectorCorpus.Exchange e) {
        return e.frames().stream().filter(f -> !f.internal()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("localExchanges")
    void replaysTheRecordedExchange(VectorCorpus.Exchange e) throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("t"));
        Path out = Files.createDirectories(dir.resolve("out"));
        List<VectorCorpus.Frame> frames = clientFrames(e);
        List<String> args = new ArrayList<>();
        for (String a : argv(e).subList(1, argv(e).size())) {
            args.add(substitute(a, e, frames));
        }
        args.add("--tmpdir=" + tmp);
        String expected = e.clientOutput();
        ClientRun.Setup setup = ClientRun.Setup.in(dir).tempDir(out);
        Matcher m = DUMPED.matcher(expected);
        if (m.find()) {
            setup = setup.at(OffsetDateTime.parse(m.group(1) + "Z").toInstant());
        }
        ClientRun run;
        List<FakeDaemon.Received> received;
        try (FakeDaemon daemon = FakeDaemon.replay(tmp, frames)) {
            run = ClientRun.run(setup, args.toArray(new String[0]));
            received = frames.isEmpty() ? List.of() : daemon.received();
        }
        String output = run.output().replace(out.toString(), "<TMPDIR>");
        int expectedCode = DEVIATIONS.getOrDefault(e.id(), e.exitCode().orElseThrow() == -15 ? 0
                : e.exitCode().orElseThrow());
        assertEquals(OUTPUT_DEVIATIONS.getOrDefault(e.id(), expected), output, e.id() + "\n" + run);
        assertEquals(expectedCode, run.code(), e.id() + "\n" + run);
        assertSentWhatWasRecorded(e, frames, received);
        if (e.id().contains("dump-block") && run.code() == 0) {
            assertDumped(frames, out);
        }
    }

    /** The argv placeholders: images from the corpus, data files rebuilt from the recorded upload. */
    private String substitute(String arg, VectorCorpus.Exchange e, List<VectorCorpus.Frame> frames)
            throws Exception {
        Matcher image = Pattern.compile("<image:([^>]+)>").matcher(arg);
        if (image.find()) {
            return image.replaceAll(VectorCorpus.image(image.group(1)).toAbsolutePath().toString());
        }
        if (arg.contains("<datadir>/")) {
            int at = arg.indexOf("<datadir>/");
            String name = arg.substring(at + "<datadir>/".length());
            Path file = dir.resolve(name);
            Files.write(file, uploaded(frames));
            return arg.substring(0, at) + file;
        }
        return arg;
    }

    /** The content of the recorded raw chunk stream, inflated if the command said it is compressed. */
    static byte[] uploaded(List<VectorCorpus.Frame> frames) throws Exception {
        List<byte[]> chunks = new ArrayList<>();
        boolean compressed = false;
        for (VectorCorpus.Frame f : frames) {
            if (f.dir().equals("c2s") && !f.isWire()) {
                chunks.add(f.payload());
            }
            if (f.dir().equals("c2s") && f.isWire() && f.decoded().get().toString().contains("\"compressed\":true")) {
                compressed = true;
            }
        }
        byte[] data = FakeDaemon.concat(chunks);
        return compressed ? Zlib.uncompress(data) : data;
    }

    private static void assertSentWhatWasRecorded(VectorCorpus.Exchange e, List<VectorCorpus.Frame> frames,
                                                  List<FakeDaemon.Received> received) throws Exception {
        List<VectorCorpus.Frame> recordedWire = frames.stream().filter(f -> f.dir().equals("c2s") && f.isWire())
                .toList();
        List<FakeDaemon.Received> sentWire = received.stream().filter(r -> !r.raw()).toList();
        assertEquals(recordedWire.size(), sentWire.size(), e.id() + ": messages sent");
        for (int i = 0; i < recordedWire.size(); i++) {
            byte[] want = recordedWire.get(i).payload();
            byte[] got = sentWire.get(i).payload();
            assertEquals(recordedWire.get(i).socket(), sentWire.get(i).socket(), e.id() + ": socket");
            if (compressedImage(want)) {
                // Compat: zlib's deflate output differs from decompress's; the same image must arrive.
                assertEquals(HexFormat.of().formatHex(inflatedImage(want)), HexFormat.of().formatHex(
                        inflatedImage(got)), e.id() + ": message " + i + " with the image inflated");
            } else {
                assertEquals(HexFormat.of().formatHex(want), HexFormat.of().formatHex(got), e.id() + ": message " + i);
            }
        }
        boolean recordedRaw = frames.stream().anyMatch(f -> f.dir().equals("c2s") && !f.isWire());
        if (recordedRaw) {
            List<byte[]> sentChunks = received.stream().filter(FakeDaemon.Received::raw).map(
                    FakeDaemon.Received::payload).toList();
            List<byte[]> recordedChunks = frames.stream().filter(f -> f.dir().equals("c2s") && !f.isWire())
                    .map(VectorCorpus.Frame::payload).toList();
            boolean compressed = frames.stream().anyMatch(f -> f.isWire()
                    && f.decoded().get().toString().contains("\"compressed\":true"));
            if (compressed) {
                assertArrayEquals(Zlib.uncompress(FakeDaemon.concat(recordedChunks)),
                        Zlib.uncompress(FakeDaemon.concat(sentChunks)), e.id() + ": uploaded data, inflated");
            } else {
                assertEquals(recordedChunks.size(), sentChunks.size(), e.id() + ": raw chunks");
                for (int i = 0; i < recordedChunks.size(); i++) {
                    assertArrayEquals(recordedChunks.get(i), sentChunks.get(i), e.id() + ": raw chunk " + i);
                }
            }
        }
    }

    private static boolean compressedImage(byte[] wire) {
        Optional<UnikernelConfig> c = config(wire);
        return c.isPresent() && c.get().compressed();
    }

    private static Optional<UnikernelConfig> config(byte[] wire) {
        Wire w = WireCodec.decode(wire.clone()).orElseThrow();
        if (w.payload() instanceof UnikernelCmd.Create c) {
            return Optional.of(c.config());
        }
        if (w.payload() instanceof UnikernelCmd.ForceCreate c) {
            return Optional.of(c.config());
        }
        return Optional.empty();
    }

    /** The message re-encoded with its image inflated. */
    private static byte[] inflatedImage(byte[] wire) throws Exception {
        Wire w = WireCodec.decode(wire.clone()).orElseThrow();
        UnikernelConfig c = config(wire).orElseThrow();
        UnikernelConfig plain = c.toBuilder().image(Bytes.wrap(Zlib.uncompress(c.image().toByteArray()))).build();
        UnikernelCmd cmd = w.payload() instanceof UnikernelCmd.Create ? new UnikernelCmd.Create(plain)
                : new UnikernelCmd.ForceCreate(plain);
        return WireCodec.encode(new Wire(w.header(), cmd));
    }

    private static void assertDumped(List<VectorCorpus.Frame> frames, Path out) throws Exception {
        List<byte[]> data = new ArrayList<>();
        for (VectorCorpus.Frame f : frames) {
            if (f.dir().equals("s2c") && f.isWire()) {
                Wire w = WireCodec.decode(f.payload().clone()).orElseThrow();
                if (w.payload() instanceof dev.albatross.protocol.wire.Data.BlockData b && b.chunk().isPresent()) {
                    data.add(b.chunk().get().toByteArray());
                }
            }
        }
        try (Stream<Path> files = Files.list(out)) {
            List<Path> dumped = files.toList();
            assertEquals(1, dumped.size(), "one dump file: " + dumped);
            assertArrayEquals(FakeDaemon.concat(data), Files.readAllBytes(dumped.get(0)));
        }
    }
}
