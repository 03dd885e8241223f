package dev.albatross.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.albatross.protocol.der.DecodeError;
import dev.albatross.protocol.der.Decoded;
import dev.albatross.protocol.vectors.VectorCorpus;
import dev.albatross.protocol.vectors.VectorJson;
import java.io.ByteArrayInputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every frame recorded from the real Albatross (../shared/vectors) decodes to what its file says and
 * re-encodes to the same bytes; every message the real daemon refused, we refuse too.
 */
class WireVectorsTest {

    @BeforeAll
    static void corpusIsThere() {
        assumeTrue(VectorCorpus.present(), "needs ../shared/vectors beside the checkout: " + VectorCorpus.root());
    }

    static Stream<VectorCorpus.Frame> wireFrames() {
        if (!VectorCorpus.present()) {
            return Stream.empty();
        }
        return VectorCorpus.exchanges().stream().filter(e -> !e.rejectedByDaemon())
                .flatMap(e -> e.frames().stream()).filter(VectorCorpus.Frame::isWire);
    }

    static Stream<VectorCorpus.Frame> refusedFrames() {
        if (!VectorCorpus.present()) {
            return Stream.empty();
        }
        return VectorCorpus.exchanges().stream().filter(VectorCorpus.Exchange::rejectedByDaemon)
                .flatMap(e -> e.frames().stream()).filter(f -> f.dir().equals("c2s") && f.length() > 0);
    }

    static Stream<VectorCorpus.Frame> endMarkers() {
        if (!VectorCorpus.present()) {
            return Stream.empty();
        }
        return VectorCorpus.frames().stream().filter(f -> f.length() <= 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wireFrames")
    void decodesToWhatTheFileSaysAndReencodesIdentically(VectorCorpus.Frame frame) {
        Decoded<Wire> decoded = WireCodec.decode(frame.payload().clone());
        Wire wire = decoded.fold(w -> w, e -> {
            throw new AssertionError(frame.id() + ": " + e.message());
        });
        VectorJson.assertSame(frame.decoded().orElseThrow(), VectorJson.wire(wire), frame.id());
        assertEquals(HexFormat.of().formatHex(frame.payload()), HexFormat.of().formatHex(WireCodec.encode(wire)),
                frame.id() + ": re-encoding");
        assertEquals(frame.length(), frame.payload().length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedFrames")
    void refusesWhatTheRealDaemonRefused(VectorCorpus.Frame frame) {
        Decoded<Wire> decoded = WireCodec.decode(frame.payload().clone());
        assertFalse(decoded.isOk(), frame.id() + " decoded, but Albatross closed the connection");
        DecodeError error = ((Decoded.Failed<Wire>) decoded).error();
        assertFalse(error.reason().isBlank());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endMarkers")
    void readsZeroLengthFramesAsEndOfStream(VectorCorpus.Frame frame) throws Exception {
        byte[] framed = Framing.lengthPrefix(frame.length());
        Framing.Frame read = Framing.readFrame(new ByteArrayInputStream(framed), Framing.DEFAULT_MAX_FRAME_BYTES);
        assertInstanceOf(Framing.Frame.End.class, read);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wireFrames")
    void encodesFramesWithTheRecordedLengthPrefix(VectorCorpus.Frame frame) throws Exception {
        Wire wire = WireCodec.decode(frame.payload().clone()).orElseThrow();
        byte[] framed = WireCodec.encodeFramed(wire);
        assertEquals(frame.length(), Framing.length(framed, 0));
        Framing.Frame read = Framing.readFrame(new ByteArrayInputStream(framed), Framing.DEFAULT_MAX_FRAME_BYTES);
        assertArrayEquals(frame.payload(), ((Framing.Frame.Chunk) read).payload().toByteArray());
    }

    @org.junit.jupiter.api.Test
    void theCorpusHasFramesOfEveryKind() {
        List<VectorCorpus.Frame> frames = wireFrames().toList();
        assertTrue(frames.size() > 100, "expected the recorded corpus, found " + frames.size() + " frames");
        assertTrue(refusedFrames().count() >= 4);
    }
}
