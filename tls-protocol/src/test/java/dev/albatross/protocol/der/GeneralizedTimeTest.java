package dev.albatross.protocol.der;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.protocol.gen.ForAll;
import dev.albatross.protocol.gen.Gen;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GeneralizedTime as Albatross writes and reads it (spec §3.12). */
class GeneralizedTimeTest {

    private static Instant parse(String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return GeneralizedTime.parse(b, 0, b.length);
    }

    @ParameterizedTest
    @CsvSource({
        "2025-08-22T13:04:43.123Z, 20250822130443.123Z", // spec example
        "2023-03-12T23:42:15Z, 20230312234215Z", // no sub-second part: no fraction
        "2023-03-12T23:42:15.100Z, 20230312234215.100Z", // always three digits
        "2023-03-12T23:42:15.001Z, 20230312234215.001Z",
        "2023-03-12T23:42:15.123999999Z, 20230312234215.123Z", // truncated, not rounded
        "2023-03-12T23:42:15.000400Z, 20230312234215.000Z", // below 1 ms: ".000"
        "2023-03-12T23:42:15.000000001Z, 20230312234215.000Z",
        "1970-01-01T00:00:00Z, 19700101000000Z",
        "1969-12-31T23:59:59.999Z, 19691231235959.999Z",
        "0000-01-01T00:00:00Z, 00000101000000Z",
        "9999-12-31T23:59:59.999999999Z, 99991231235959.999Z"})
    void formatsAsAlbatrossWrites(String instant, String text) {
        assertEquals(text, GeneralizedTime.format(Instant.parse(instant)));
    }

    @Test
    void refusesToFormatYearsWithoutFourDigits() {
        assertThrows(IllegalArgumentException.class,
                () -> GeneralizedTime.format(GeneralizedTime.MIN.minusNanos(1)));
        assertThrows(IllegalArgumentException.class,
                () -> GeneralizedTime.format(GeneralizedTime.MAX.plusNanos(1)));
        assertTrue(GeneralizedTime.representable(GeneralizedTime.MIN));
        assertTrue(GeneralizedTime.representable(GeneralizedTime.MAX));
        assertFalse(GeneralizedTime.representable(Instant.parse("+10000-01-01T00:00:00Z")));
    }

    @ParameterizedTest
    @CsvSource({
        "20250822130443.123Z, 2025-08-22T13:04:43.123Z",
        "20250822130443Z, 2025-08-22T13:04:43Z",
        "202508221304Z, 2025-08-22T13:04:00Z", // seconds optional
        "2025082213Z, 2025-08-22T13:00:00Z", // minutes optional
        "2025082213, 2025-08-22T13:00:00Z", // no zone: UTC
        "20250822130443, 2025-08-22T13:04:43Z",
        "20250822130443.1Z, 2025-08-22T13:04:43.100Z", // one to three fraction digits
        "20250822130443.12Z, 2025-08-22T13:04:43.120Z",
        "20250822130443+0200, 2025-08-22T11:04:43Z",
        "20250822130443-0130, 2025-08-22T14:34:43Z",
        "20250822130443.5+0000, 2025-08-22T13:04:43.500Z",
        "2025082213+0100, 2025-08-22T12:00:00Z",
        "20240229000000Z, 2024-02-29T00:00:00Z", // a leap day
        "00000101000000Z, 0000-01-01T00:00:00Z",
        "99991231235959.999Z, 9999-12-31T23:59:59.999Z"})
    void parsesTheFormsAsn1CombinatorsAccepts(String text, String instant) {
        assertEquals(Instant.parse(instant), parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "2025", "20250822", "202508221", "2025082213043Z", // incomplete fields
        "20250822130443.Z", "20250822130443.1234Z", // fraction: one to three digits
        "202508221304.5Z", "2025082213.5Z", // a fraction needs seconds
        "20250822130443z", "20250822130443ZZ", "20250822130443Z ", // zone
        "20250822130443+02", "20250822130443+020", "20250822130443+02000", "20250822130443+2400",
        "20250822130443+0060",
        "20231301000000Z", "20230001000000Z", "20230230000000Z", "20230229000000Z", "20230100000000Z", // dates
        "20230101240000Z", "20230101006000Z", "20230101000060Z", // times (no leap second 60)
        "2023-03-12T23:42:15Z", "+0230101000000Z", " 20230101000000Z"})
    void refusesEverythingElse(String text) {
        assertNull(parse(text), text);
    }

    @Test
    void keepsASubMillisecondRemainderSoItReencodesAsDotZeroZeroZero() {
        // Albatross writes ".000" for a time 0 < fraction < 1 ms; reading it must not lose that the fraction
        // was there, or re-encoding would drop ".000" and change the bytes.
        Instant read = parse("20230312234215.000Z");
        assertEquals(Instant.parse("2023-03-12T23:42:15.000000001Z"), read);
        assertEquals("20230312234215.000Z", GeneralizedTime.format(read));
        assertEquals("20230312234215Z", GeneralizedTime.format(parse("20230312234215Z")));
    }

    @Test
    void everyMillisecondInstantRoundTripsThroughItsText() {
        long min = GeneralizedTime.MIN.toEpochMilli();
        long max = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
        ForAll.check("GeneralizedTime round trip", 20_000, Gen.longs(min, max).map(Instant::ofEpochMilli), t -> {
            String text = GeneralizedTime.format(t);
            assertEquals(t, parse(text), text);
            assertEquals(t.getNano() == 0 ? 15 : 19, text.length(), text);
        });
    }
}
