package dev.albatross.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.albatross.protocol.der.RawText;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.ConsoleCmd;
import dev.albatross.protocol.wire.Data;
import dev.albatross.protocol.wire.Payload;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.wire.WireCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The recorded albatross-console exchanges of {@code ../shared/vectors}: our replies, encoded, must equal the
 * recorded bytes. Requests are the recorded frames, decoded.
 */
class ConsoleVectorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T23:28:00Z"));
    private final Consoles consoles = new Consoles(ConsoleLimits.defaults(), clock);

    /** One recorded frame of the console socket. */
    private record Frame(boolean internal, int conn, boolean toServer, byte[] der) {
        Wire wire() {
            return WireCodec.decode(der.clone()).orElseThrow();
        }
    }

    private static List<Frame> consoleFrames(String id) throws IOException {
        String shared = System.getProperty("albatross.shared", "../../shared");
        Path file = Path.of(shared, "vectors", id + ".json");
        assumeTrue(Files.isRegularFile(file), "the recorded vectors are missing: " + file);
        JsonNode json = JSON.readTree(file.toFile());
        List<Frame> frames = new ArrayList<>();
        collect(json.path("frames"), false, frames);
        collect(json.path("daemon_internal_frames"), true, frames);
        return frames;
    }

    private static void collect(JsonNode list, boolean internal, List<Frame> into) {
        for (JsonNode f : list) {
            if (f.path("socket").asText().equals("console")) {
                into.add(new Frame(internal, f.path("conn").asInt(), f.path("dir").asText().equals("c2s"),
                        HexFormat.of().parseHex(f.path("hex").asText())));
            }
        }
    }

    private static List<Frame> select(List<Frame> frames, boolean internal, boolean toServer) {
        return frames.stream().filter(f -> f.internal() == internal && f.toServer() == toServer).toList();
    }

    private static List<String> hex(List<Wire> messages) {
        return messages.stream().map(m -> HexFormat.of().formatHex(WireCodec.encode(m))).toList();
    }

    private static List<String> recordedHex(List<Frame> frames) {
        return frames.stream().map(f -> HexFormat.of().formatHex(f.der())).toList();
    }

    private void print(Name name, Data.Console line) {
        consoles.append(name, line.timestamp(), List.of(RawText.encode(line.line())));
    }

    private static Data.Console console(Frame f) {
        return (Data.Console) f.wire().payload();
    }

    @Test
    void subscribeSinceReplaysTheBufferedLines() throws IOException {
        List<Frame> frames = consoleFrames("011-console-since");
        Wire request = select(frames, false, true).get(0).wire();
        List<Frame> replies = select(frames, false, false);
        Name hello = request.header().name();
        consoles.add(hello, Long.MAX_VALUE);
        print(hello, console(replies.get(1)));

        RecordingSink sink = RecordingSink.unbounded();
        consoles.subscribe(request.header(), (ConsoleCmd) request.payload(), sink);

        assertEquals(recordedHex(replies), hex(sink.messages()));
    }

    @Test
    void listInactiveNamesTheStoppedUnikernel() throws IOException {
        List<Frame> frames = consoleFrames("012-inactive-consoles");
        Wire request = select(frames, false, true).get(0).wire();
        Name hello = Name.parse(":hello");
        consoles.add(hello, Long.MAX_VALUE);
        consoles.append(hello, clock.instant(), ConsolesTest.lines("guest: hello"));
        consoles.deactivate(hello);

        Payload reply = consoles.listInactive(request.header().name());

        assertEquals(recordedHex(select(frames, false, false)), hex(List.of(new Wire(request.header(), reply))));
    }

    @Test
    void subscribingToAnUnknownNameWaitsForTheUnikernel() throws IOException {
        List<Frame> frames = consoleFrames("013-console-unknown");
        Wire request = select(frames, false, true).get(0).wire();
        RecordingSink sink = RecordingSink.unbounded();

        consoles.subscribe(request.header(), (ConsoleCmd) request.payload(), sink);

        assertEquals(recordedHex(select(frames, false, false)), hex(sink.messages()));
    }

    @Test
    void aLiveSubscriptionFollowsTheConsoleAcrossRestarts() throws IOException {
        List<Frame> frames = consoleFrames("034-console-live");
        Wire request = select(frames, false, true).get(0).wire();
        List<Frame> replies = select(frames, false, false);
        List<Frame> adds = select(frames, true, true);
        List<Frame> addReplies = select(frames, true, false);
        Name blk = request.header().name();
        // Before the client came: :blk ran twice, printing the two lines the client gets as history.
        for (Frame line : replies.subList(1, 3)) {
            consoles.add(blk, Long.MAX_VALUE);
            print(blk, console(line));
            consoles.deactivate(blk);
        }
        consoles.add(blk, Long.MAX_VALUE);
        RecordingSink sink = RecordingSink.unbounded();
        consoles.subscribe(request.header(), (ConsoleCmd) request.payload(), sink);

        List<Wire> ourAddReplies = new ArrayList<>();
        for (int i = 0; i < adds.size(); i++) { // each ~2 s: the unikernel exits, albatrossd re-creates it
            consoles.deactivate(blk);
            Wire add = adds.get(i).wire();
            ourAddReplies.add(new Wire(add.header(),
                    consoles.add(add.header().name(), ((ConsoleCmd.Add) add.payload()).maxConsoles())));
            print(blk, console(replies.get(3 + i)));
        }

        assertEquals(recordedHex(replies), hex(sink.messages()));
        assertEquals(recordedHex(addReplies), hex(ourAddReplies));
    }

    @Test
    void consoleAddWithAPathIsRefused() throws IOException {
        List<Frame> frames = consoleFrames("045-raw-console-add-path");
        Wire request = select(frames, false, true).get(0).wire();

        Payload reply = consoles.add(request.header().name(), ((ConsoleCmd.Add) request.payload()).maxConsoles());

        assertEquals(recordedHex(select(frames, false, false)), hex(List.of(new Wire(request.header(), reply))));
    }

    @Test
    void listInactiveWithANameIsRefused() throws IOException {
        List<Frame> frames = consoleFrames("046-raw-list-inactive-name");
        Wire request = select(frames, false, true).get(0).wire();

        Payload reply = consoles.listInactive(request.header().name());

        assertEquals(recordedHex(select(frames, false, false)), hex(List.of(new Wire(request.header(), reply))));
    }
}
