package dev.albatross.protocol.der;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The strict DER rules of spec §3 as {@link DerReader} enforces them, and where its faults point: the dotted
 * path of fields leading to the offending element, and the offset of that element's tag, whether its tag, its
 * length or its content is wrong, or a caller refuses its value; for trailing bytes, the first of them.
 */
class DerReaderTest {

    private static DerReader reader(String hex) {
        return DerReader.over(HexFormat.of().parseHex(hex.replace(" ", "")), "Input");
    }

    /** Runs {@code read} over {@code hex}, which must fail; returns the error. */
    private static DecodeError fails(String hex, Consumer<DerReader> read) {
        DerReader in = reader(hex);
        DerFault fault = assertThrows(DerFault.class, () -> {
            read.accept(in);
            in.expectEnd();
        }, hex);
        return fault.error();
    }

    private static void assertFault(String hex, Consumer<DerReader> read, int offset, String field, String reason) {
        DecodeError e = fails(hex, read);
        assertEquals(offset, e.offset(), "offset of " + e);
        assertEquals(field, e.field(), "field of " + e);
        assertTrue(e.reason().contains(reason), "reason of " + e + " should contain: " + reason);
    }

    // ---- lengths -----------------------------------------------------------------------------------------

    @Test
    void refusesIndefiniteLength() {
        assertFault("30 80 05 00 00 00", in -> in.enter(DerReader.SEQUENCE, "seq"), 0, "Input.seq",
                "indefinite length");
    }

    @ParameterizedTest
    @ValueSource(strings = {"04 81 05 0102030405", "04 81 7f", "04 82 00 80", "04 83 00 01 00", "04 84 00 00 00 01 00"})
    void refusesNonMinimalLongFormLengths(String hex) {
        assertTrue(fails(hex, in -> in.octets("os")).reason().contains("not minimally encoded"), hex);
    }

    @Test
    void acceptsMinimalLongFormLengths() {
        byte[] content = new byte[200];
        byte[] der = new byte[3 + 200];
        der[0] = 0x04;
        der[1] = (byte) 0x81;
        der[2] = (byte) 200;
        System.arraycopy(content, 0, der, 3, 200);
        DerReader in = DerReader.over(der, "Input");
        assertEquals(200, in.octets("os").length());
        in.expectEnd();
    }

    @Test
    void refusesLengthsLargerThanWhatRemains() {
        assertFault("04 05 01 02", in -> in.octets("os"), 0, "Input.os", "length 5 exceeds the 2 bytes that remain");
        // Inside an element, only the element's own content counts, not the rest of the input.
        assertFault("30 03 04 03 01 02 03", in -> {
            in.enter(DerReader.SEQUENCE, "seq");
            in.octets("os");
        }, 2, "Input.seq.os", "exceeds the 1 bytes that remain");
        // A length claiming gigabytes is refused before anything is allocated for it.
        assertFault("30 84 7f ff ff ff 00", in -> in.enter(DerReader.SEQUENCE, "seq"), 0, "Input.seq",
                "length 2147483647 exceeds the 1 bytes that remain");
        assertFault("30 84 ff ff ff ff", in -> in.enter(DerReader.SEQUENCE, "seq"), 0, "Input.seq",
                "length 4294967295 exceeds");
    }

    @Test
    void refusesLengthsOfMoreThanFourBytesAndTruncatedOrMissingLengths() {
        assertFault("04 85 01 00 00 00 00", in -> in.octets("os"), 0, "Input.os", "length of 5 bytes is too large");
        assertFault("04 82 01", in -> in.octets("os"), 0, "Input.os", "truncated length");
        assertFault("04", in -> in.octets("os"), 0, "Input.os", "missing length");
        assertFault("", in -> in.octets("os"), 0, "Input.os", "missing (expected tag 0x4)");
    }

    // ---- tags --------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"1f 01 00", "3f 81 00 00", "bf 1f 00", "df 20 00"})
    void refusesTheHighTagNumberForm(String hex) {
        DecodeError e = fails(hex, in -> in.enter(DerReader.context(0), "x"));
        assertTrue(e.reason().contains("high tag number form"), e.toString());
        assertEquals(0, e.offset());
    }

    @Test
    void namesExpectedAndFoundTags() {
        assertFault("04 00", in -> in.integer("n"), 0, "Input.n", "expected tag 0x2, found 0x4");
    }

    @Test
    void contextTagsAreExplicitConstructedTags() {
        assertEquals(0xA0, DerReader.context(0));
        assertEquals(0xB4, DerReader.context(20));
        assertEquals(0xB5, DerReader.context(21));
        assertThrows(IllegalArgumentException.class, () -> DerReader.context(31));
        assertThrows(IllegalArgumentException.class, () -> DerReader.context(-1));
        DerReader in = reader("b3 02 05 00");
        assertTrue(in.peekContext(19));
        in.enterContext(19, "info");
        in.nul("NULL");
        in.leave();
        in.expectEnd();
        assertEquals(-1, in.peekTag());
    }

    // ---- INTEGER -----------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
        "02 01 00, 0", "02 01 7f, 127", "02 02 00 80, 128", "02 01 80, -128", "02 02 ff 7f, -129",
        "02 01 ff, -1", "02 02 01 00, 256",
        "02 08 3f ff ff ff ff ff ff ff, 4611686018427387903", // max_int, the root policy's unikernels
        "02 08 c0 00 00 00 00 00 00 00, -4611686018427387904" // min_int
    })
    void readsMinimalIntegersInOcamlsRange(String hex, long value) {
        DerReader in = reader(hex);
        assertEquals(value, in.integer("n"));
        in.expectEnd();
    }

    @ParameterizedTest
    @ValueSource(strings = {"02 02 00 05", "02 02 00 7f", "02 02 ff 80", "02 02 ff ff", "02 03 00 00 80"})
    void refusesNonMinimalIntegers(String hex) {
        assertFault(hex, in -> in.integer("n"), 0, "Input.n", "not minimally encoded");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "02 08 40 00 00 00 00 00 00 00", // 2^62
        "02 08 7f ff ff ff ff ff ff ff", // Long.MAX_VALUE
        "02 08 bf ff ff ff ff ff ff ff", // -2^62 - 1
        "02 08 80 00 00 00 00 00 00 00", // Long.MIN_VALUE
        "02 09 00 ff ff ff ff ff ff ff ff"})
    void refusesIntegersBeyondOcamls63Bits(String hex) {
        DecodeError e = fails(hex, in -> in.integer("n"));
        assertTrue(e.reason().contains("does not fit 63 bits"), e.toString());
        assertEquals("Input.n", e.field());
    }

    @Test
    void refusesZeroLengthIntegers() {
        assertFault("02 00", in -> in.integer("n"), 0, "Input.n", "empty INTEGER");
    }

    @Test
    void narrowsToARangeWithTheFaultAtTheElement() {
        assertEquals(7, reader("02 01 07").intIn("cpu", 0, 10));
        assertFault("30 06 02 01 00 02 01 0b", in -> {
            in.enter(DerReader.SEQUENCE, "seq");
            in.intIn("a", 0, 10);
            in.intIn("b", 0, 10);
        }, 5, "Input.seq.b", "INTEGER 11 out of range [0, 10]");
        assertFault("02 05 00 80 00 00 00", in -> in.intIn("n", Integer.MIN_VALUE, Integer.MAX_VALUE), 0, "Input.n",
                "out of range");
    }

    @Test
    void int32WrapsLikeOcamlsInt32OfInt() {
        assertEquals(-1, reader("02 05 00 ff ff ff ff").int32("flags"));
        assertEquals(Integer.MIN_VALUE, reader("02 05 00 80 00 00 00").int32("flags"));
        assertEquals(0x1043, reader("02 02 10 43").int32("flags"));
        assertEquals(-2, reader("02 01 fe").int32("flags"));
    }

    // ---- int64, BOOLEAN, NULL, strings ---------------------------------------------------------------------

    @Test
    void readsInt64AsAnEightByteOctetString() {
        assertEquals(-1L, reader("04 08 ff ff ff ff ff ff ff ff").int64("seq"));
        assertEquals(Long.MIN_VALUE, reader("04 08 80 00 00 00 00 00 00 00").int64("seq"));
        assertEquals(0x0102030405060708L, reader("04 08 01 02 03 04 05 06 07 08").int64("seq"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"04 00", "04 07 00 00 00 00 00 00 01", "04 09 00 00 00 00 00 00 00 00 01"})
    void refusesInt64OfOtherThanEightBytes(String hex) {
        assertTrue(fails(hex, in -> in.int64("seq")).reason().contains("must be 8 bytes"), hex);
    }

    @ParameterizedTest
    @CsvSource({"01 01 00, false", "01 01 ff, true", "01 01 01, true", "01 01 80, true", "01 01 7f, true"})
    void readsAnyNonZeroBooleanAsTrue(String hex, boolean value) {
        assertEquals(value, reader(hex).bool("b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"01 00", "01 02 ff ff"})
    void refusesBooleansOfOtherThanOneByte(String hex) {
        assertTrue(fails(hex, in -> in.bool("b")).reason().contains("BOOLEAN of"), hex);
    }

    @Test
    void refusesNullWithContent() {
        assertFault("05 01 00", in -> in.nul("n"), 0, "Input.n", "NULL with 1 content bytes");
        reader("05 00").nul("n");
    }

    @Test
    void readsUtf8StringBytesUnvalidatedAndOctetsAsTheyAre() {
        assertEquals("\uDCFF\uDCFEa", reader("0c 03 ff fe 61").utf8("s"));
        assertEquals("h\u00e9", reader("0c 03 68 c3 a9").utf8("s"));
        assertEquals(Bytes.fromHex("0001ff"), reader("04 03 00 01 ff").octets("o"));
        assertEquals(Bytes.EMPTY, reader("04 00").octets("o"));
    }

    @Test
    void refusesMalformedTimes() {
        assertFault("18 03 32 30 32", in -> in.time("t"), 0, "Input.t", "malformed GeneralizedTime");
        assertEquals(Instant.parse("2023-03-12T23:42:15Z"),
                reader("18 0f 32 30 32 33 30 33 31 32 32 33 34 32 31 35 5a").time("t"));
    }

    @Test
    void refusesTimesThatAnOffsetMovesOutsideYears0000To9999() {
        // "00000101000000+0100" is 0000-01-01 00:00 at +01:00, i.e. 23:00 UTC on the last day of year -1.
        String before = "18 13" + hex("00000101000000+0100");
        assertFault(before, in -> in.time("t"), 0, "Input.t", "outside the years 0000-9999");
        String after = "18 13" + hex("99991231233000-0100");
        assertFault(after, in -> in.time("t"), 0, "Input.t", "outside the years 0000-9999");
        assertEquals(GeneralizedTime.MIN, reader("18 0f" + hex("00000101000000Z")).time("t"));
    }

    // ---- structure: trailing bytes, nesting, paths ---------------------------------------------------------

    @Test
    void refusesTrailingBytesInsideAnElement() {
        assertFault("30 04 05 00 05 00", in -> {
            in.enter(DerReader.SEQUENCE, "seq");
            in.nul("n");
            in.leave();
        }, 4, "Input.seq", "trailing bytes (2)");
    }

    @Test
    void refusesTrailingBytesAtTopLevel() {
        assertFault("05 00 00", in -> in.nul("n"), 2, "Input", "trailing bytes (1)");
        DerReader in = reader("30 00");
        in.enter(DerReader.SEQUENCE, "seq");
        assertThrows(IllegalStateException.class, in::expectEnd, "expectEnd inside an element is a bug");
    }

    @Test
    void limitsNestingTo64Elements() {
        DerReader in = DerReader.over(nested(64), "Input");
        for (int i = 0; i < 64; i++) {
            in.enter(DerReader.SEQUENCE, "s" + i);
        }
        for (int i = 0; i < 64; i++) {
            in.leave();
        }
        in.expectEnd();

        byte[] deep = nested(65);
        DerReader tooDeep = DerReader.over(deep, "Input");
        DecodeError e = assertThrows(DerFault.class, () -> {
            for (int i = 0; i < 65; i++) {
                tooDeep.enter(DerReader.SEQUENCE, "s");
            }
        }).error();
        assertTrue(e.reason().contains("nesting deeper than 64"), e.toString());
        assertEquals(deep.length - 2, e.offset(), "the offset is the tag of the 65th (empty) element");
    }

    /** {@code n} SEQUENCEs, each the only content of the one around it. */
    private static byte[] nested(int n) {
        byte[] der = new byte[0];
        for (int i = 0; i < n; i++) {
            byte[] header = der.length < 0x80 ? new byte[] {0x30, (byte) der.length}
                    : new byte[] {0x30, (byte) 0x81, (byte) der.length};
            byte[] outer = new byte[header.length + der.length];
            System.arraycopy(header, 0, outer, 0, header.length);
            System.arraycopy(der, 0, outer, header.length, der.length);
            der = outer;
        }
        return der;
    }

    @Test
    void faultPathsNameTheOpenElementsAndTheField() {
        assertFault("30 08 a3 06 30 04 02 02 00 05", in -> {
            in.enter(DerReader.SEQUENCE, "Outer");
            in.enterContext(3, "data");
            in.enter(DerReader.SEQUENCE, "SEQUENCE");
            in.integer("count");
        }, 6, "Input.Outer.data.SEQUENCE.count", "not minimally encoded");
        // A fault raised by the caller about a value it read names the field it read, at that value's tag.
        DerReader in = reader("30 03 0c 01 21");
        in.enter(DerReader.SEQUENCE, "Header");
        in.utf8("name");
        DecodeError e = in.lastElementFault("invalid name").error();
        assertEquals("Input.Header.name", e.field());
        assertEquals(2, e.offset());
        assertEquals("offset 2, Input.Header.name: invalid name", e.message());
    }

    // ---- where faults point ----------------------------------------------------------------------------------

    @Test
    void aBadElementIsReportedAtItsTagNotWhereReadingStopped() {
        // The second INTEGER (at 5) is not minimal: its tag, not its content (7) or its end (9).
        assertFault("30 07 02 01 05 02 02 00 05", in -> {
            in.enter(DerReader.SEQUENCE, "seq");
            in.integer("a");
            in.integer("b");
        }, 5, "Input.seq.b", "not minimally encoded");
        // A wrong tag and a bad length are at the tag as well.
        assertFault("30 05 02 01 05 04 00", in -> {
            in.enter(DerReader.SEQUENCE, "seq");
            in.integer("a");
            in.integer("b");
        }, 5, "Input.seq.b", "expected tag 0x2, found 0x4");
        assertFault("30 05 02 01 05 05 01", in -> {
            in.enter(DerReader.SEQUENCE, "seq");
            in.integer("a");
            in.nul("b");
        }, 5, "Input.seq.b", "exceeds the 0 bytes that remain");
        assertFault("30 06 02 01 05 04 01 00", in -> {
            in.enter(DerReader.SEQUENCE, "seq");
            in.integer("a");
            in.int64("b");
        }, 5, "Input.seq.b", "must be 8 bytes, not 1");
        assertFault("30 07 02 01 05 01 01 00 00", in -> {
            in.enter(DerReader.SEQUENCE, "seq");
            in.integer("a");
            in.bool("b");
            in.leave();
        }, 8, "Input.seq", "trailing bytes (1)");
    }

    @Test
    void aRefusedValueIsReportedAtTheTagOfTheElementReadLast() {
        // A primitive: the version INTEGER at 4 (Wire { header { version ...} }), not the 7 where reading stopped.
        DerReader in = reader("30 05 30 03 02 01 04");
        in.enter(DerReader.SEQUENCE, "Wire");
        in.enter(DerReader.SEQUENCE, "header");
        assertEquals(4, in.integer("version"));
        DecodeError version = in.lastElementFault("unknown version number 0x4").error();
        assertEquals(new DecodeError(4, "Input.Wire.header.version", "unknown version number 0x4"), version);

        // A constructed element just left: the entry SEQUENCE at 2, named within its parent.
        DerReader entries = reader("30 08 30 03 0c 01 61 30 01 05");
        entries.enter(DerReader.SEQUENCE, "entries");
        entries.enter(DerReader.SEQUENCE, "entry");
        entries.utf8("name");
        entries.leave();
        assertEquals(new DecodeError(2, "Input.entries.entry", "duplicate"),
                entries.lastElementFault("duplicate").error());

        // A range check is about the INTEGER itself, even when it is the last of its SEQUENCE.
        assertFault("30 06 02 01 01 02 01 63", in2 -> {
            in2.enter(DerReader.SEQUENCE, "cpus");
            in2.intIn("a", 0, 63);
            in2.intIn("b", 0, 63);
            in2.leave();
        }, 5, "Input.cpus.b", "INTEGER 99 out of range [0, 63]");

        assertThrows(IllegalStateException.class, () -> reader("05 00").lastElementFault("nothing read yet"));
    }

    @Test
    void anUnknownTagOnlyPeekedAtIsReportedAtItsTag() {
        DerReader in = reader("30 04 05 00 a7 00");
        in.enter(DerReader.SEQUENCE, "seq");
        in.nul("n");
        assertEquals(0xA7, in.peekTag());
        assertEquals(new DecodeError(4, "Input.seq.choice", "unknown tag [7]"),
                in.fault("choice", "unknown tag [7]").error());
    }

    // ---- list sizes ------------------------------------------------------------------------------------------

    @Test
    void aListOfMaxListElementsIsRead() {
        DerReader in = DerReader.over(nulls(DerReader.MAX_LIST_ELEMENTS).encode(), "Input");
        assertEquals(65_536, readNulls(in));
        in.expectEnd();
    }

    @Test
    void aListOfOneElementMoreIsRefusedAtThatElement() {
        byte[] der = nulls(DerReader.MAX_LIST_ELEMENTS + 1).encode();
        DecodeError e = assertThrows(DerFault.class, () -> readNulls(DerReader.over(der, "Input"))).error();
        assertEquals("more than 65536 elements", e.reason());
        assertEquals("Input.list", e.field());
        assertEquals(der.length - 2, e.offset(), "the tag of the 65,537th element");
    }

    @Test
    void eachListIsCountedOnItsOwn() {
        // Two lists of 40,000 in one SEQUENCE, and a list of two such lists: 80,000 NULLs, no list over the cap.
        DerNode list = nulls(40_000);
        DerReader in = DerReader.over(DerNode.sequence(list, list).encode(), "Input");
        in.enter(DerReader.SEQUENCE, "outer");
        int lists = 0;
        int elements = 0;
        while (in.hasNextElement()) {
            lists++;
            elements += readNulls(in);
        }
        in.leave();
        in.expectEnd();
        assertEquals(2, lists);
        assertEquals(80_000, elements);
    }

    /** Reads a SEQUENCE OF NULL named "list"; returns how many it held. */
    private static int readNulls(DerReader in) {
        in.enter(DerReader.SEQUENCE, "list");
        int n = 0;
        while (in.hasNextElement()) {
            in.nul("element");
            n++;
        }
        in.leave();
        return n;
    }

    /** A SEQUENCE OF {@code n} NULLs. */
    private static DerNode nulls(int n) {
        return DerNode.sequence(Collections.nCopies(n, DerNode.nul()));
    }

    @Test
    void theTopLevelElementNamedLikeTheInputIsNamedOnce() {
        DerReader in = DerReader.over(HexFormat.of().parseHex("300630040202 0004".replace(" ", "")), "Wire");
        in.enter(DerReader.SEQUENCE, "Wire");
        in.enter(DerReader.SEQUENCE, "header");
        DecodeError e = assertThrows(DerFault.class, () -> in.integer("version")).error();
        assertEquals("Wire.header.version", e.field());
        DecodeError missing = assertThrows(DerFault.class,
                () -> DerReader.over(new byte[0], "Wire").enter(DerReader.SEQUENCE, "Wire")).error();
        assertEquals("Wire", missing.field());
    }

    @Test
    void readsOnlyTheGivenSliceOfTheArray() {
        byte[] buf = HexFormat.of().parseHex("ff0500ff");
        DerReader in = DerReader.over(buf, 1, 2, "Input");
        assertEquals(1, in.position());
        in.nul("n");
        assertTrue(in.atEnd());
        in.expectEnd();
        assertThrows(IndexOutOfBoundsException.class, () -> DerReader.over(buf, 3, 2, "Input"));
        assertFalse(DerReader.over(Bytes.fromHex("0500"), "Input").atEnd());
    }

    private static String hex(String ascii) {
        return HexFormat.of().formatHex(ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
