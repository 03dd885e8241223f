package dev.albatross.client.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.albatross.protocol.der.Bytes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Field values read on one line, whatever bytes they hold. */
class FieldTextTest {

    @Test
    void quotesFreeTextOverItsExactBytes() {
        assertEquals("\"say \\\"hi\\\"\\\\\\n\\t\\xff\\x1bx\\xc3\\xa9\"", FieldText.quoted(Samples.NASTY));
        assertEquals("\"\"", FieldText.quoted(""));
        assertEquals("(none)", FieldText.quoted(List.of()));
    }

    @Test
    void escapesOtherTextWithoutQuotes() {
        assertEquals("CN=a\\nb \"c\"", FieldText.printable("CN=a\nb \"c\""));
    }

    @Test
    void showsDataAsSizeAndDigest() {
        assertEquals("0 bytes, sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                FieldText.blob(Bytes.EMPTY));
    }
}
