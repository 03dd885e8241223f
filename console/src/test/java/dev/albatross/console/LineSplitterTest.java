package dev.albatross.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
    private static List<String> feed(LineSplitter s, String input) {
        byte[] b = input.getBytes(StandardCharsets.ISO_8859_1);
        return strings(s.feed(b, 0, b.length));
    }

    private static List<String> strings(List<byte[]> lines) {
        return lines.stream().map(l -> new String(l, StandardCharsets.ISO_8859_1)).toList();
    }

    @Test
    void emitsCompleteLinesAndKeepsThePartialOne() {
        LineSplitter s = new LineSplitter();
        assertEquals(List.of("one", "two"), feed(s, "one\ntwo\nthr"));
        assertEquals(3, s.pendingBytes());
        assertEquals(List.of("three"), feed(s, "ee\n"));
        assertEquals(0, s.pendingBytes());
    }

    @Test
    void dropsEmptyLines() {
        assertEquals(List.of("a", "b"), feed(new LineSplitter(), "\n\na\n\n\nb\n\n"));
    }

    @Test
    void keepsCarriageReturns() {
        assertEquals(List.of("dos\r", "\r", "mac\rline"), feed(new LineSplitter(), "dos\r\n\r\nmac\rline\n"));
    }

    @Test
    void keepsALineOf511BytesWhole() {
        String line = "x".repeat(511);
        assertEquals(List.of(line), feed(new LineSplitter(), line + "\n"));
    }

    @Test
    void cutsALineOf512BytesAndMarksIt() {
        String line = "y".repeat(512);
        assertEquals(List.of(line + " [truncated]", "next"), feed(new LineSplitter(), line + "\nnext\n"));
    }

    @Test
    void cutsALongLineAndDiscardsTheRestUntilTheNewline() {
        LineSplitter s = new LineSplitter();
        List<String> first = feed(s, "a".repeat(300));
        assertEquals(List.of(), first);
        List<String> cut = feed(s, "b".repeat(300));
        assertEquals(List.of("a".repeat(300) + "b".repeat(212) + " [truncated]"), cut);
        assertEquals(List.of(), feed(s, "c".repeat(10_000)));
        assertEquals(0, s.pendingBytes());
        assertEquals(List.of("kept"), feed(s, "dropped too\nkept\n"));
    }

    @Test
    void theMarkerIsAlbatrossesBytes() {
        byte[] in = new byte[600];
        Arrays.fill(in, (byte) 0xff);
        byte[] line = new LineSplitter().feed(in, 0, in.length).get(0);
        assertEquals(LineSplitter.MAX_EMITTED_LINE_BYTES, line.length);
        assertEquals(" [truncated]", new String(line, 512, 12, StandardCharsets.US_ASCII));
    }

    @Test
    void finishGivesTheUnterminatedLastLine() {
        LineSplitter s = new LineSplitter();
        feed(s, "done\nSolo5: solo5_exit(1) called");
        assertEquals(List.of("Solo5: solo5_exit(1) called"), strings(s.finish()));
        assertEquals(List.of(), s.finish());
    }

    @Test
    void readsOnlyTheGivenSlice() {
        byte[] b = "xxa\nb\nyy".getBytes(StandardCharsets.US_ASCII);
        assertEquals(List.of("a", "b"), strings(new LineSplitter().feed(b, 2, 4)));
    }

    @Property
    void linesDoNotDependOnHowTheInputIsChunked(@ForAll("consoleBytes") byte[] input,
            @ForAll @Size(max = 20) List<@IntRange(min = 1, max = 700) Integer> chunks) {
        List<String> whole = strings(new LineSplitter().feed(input, 0, input.length));
        LineSplitter s = new LineSplitter();
        List<String> pieces = new ArrayList<>();
        int at = 0;
        for (int chunk : chunks) {
            int n = Math.min(chunk, input.length - at);
            pieces.addAll(strings(s.feed(input, at, n)));
            at += n;
        }
        pieces.addAll(strings(s.feed(input, at, input.length - at)));
        assertEquals(whole, pieces);
    }

    @Property
    void everyLineIsNonEmptyBoundedAndNewlineFree(@ForAll("consoleBytes") byte[] input) {
        for (byte[] line : new LineSplitter().feed(input, 0, input.length)) {
            assertTrue(line.length > 0 && line.length <= LineSplitter.MAX_EMITTED_LINE_BYTES);
            for (byte b : line) {
                assertTrue(b != '\n');
            }
        }
    }

    @Provide
    Arbitrary<byte[]> consoleBytes() {
        Arbitrary<Byte> oneByte = Arbitraries.frequencyOf(
                Tuple.of(30, Arbitraries.just((byte) 'a')),
                Tuple.of(1, Arbitraries.just((byte) '\n')),
                Tuple.of(1, Arbitraries.just((byte) '\r')),
                Tuple.of(1, Arbitraries.bytes()));
        return oneByte.array(byte[].class).ofMaxSize(3000);
    }
}
