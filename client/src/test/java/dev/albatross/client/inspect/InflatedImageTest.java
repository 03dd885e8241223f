package dev.albatross.client.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.protocol.der.Bytes;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Compressed images show their inflated size and digest, or why they cannot be inflated. */
class InflatedImageTest {
    private static final Bytes ZLIB = Samples.zlib(Samples.IMAGE);

    @Test
    void showsTheSizeAndDigestOfTheInflatedImage() {
        assertEquals(Samples.IMAGE.length() + " bytes, sha256 " + Samples.IMAGE.sha256().toHex(),
                InflatedImage.inflate(ZLIB));
    }

    @Test
    void saysWhenTheStreamIsTruncated() {
        Bytes cut = Bytes.copyOf(Arrays.copyOf(ZLIB.toByteArray(), ZLIB.length() - 6));
        assertTrue(InflatedImage.inflate(cut).startsWith("not inflated: the zlib stream is truncated after "));
    }

    @Test
    void saysWhenTheDataIsNotZlib() {
        assertEquals("not inflated: not a zlib stream (incorrect header check)",
                InflatedImage.inflate(Samples.IMAGE));
    }

    @Test
    void saysWhatFollowsTheStream() {
        byte[] longer = Arrays.copyOf(ZLIB.toByteArray(), ZLIB.length() + 2);
        assertEquals(InflatedImage.inflate(ZLIB) + ", followed by 2 bytes that are not zlib",
                InflatedImage.inflate(Bytes.copyOf(longer)));
    }
}
