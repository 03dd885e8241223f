package dev.albatross.protocol.name;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.albatross.protocol.vectors.VectorCorpus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** MAC addresses: their text form, and the one Albatross derives from a unikernel's name (spec §4). */
class MacTest {

    @Test
    void derivesTheMacsRecordedFromTheRealDaemon() {
        // 021-info-all: :net2 and :net, netif service0, no explicit MAC.
        assertEquals("00:80:41:18:71:d6", Name.parse(":net2").mac("service0").toString());
        assertEquals("00:80:41:26:a8:89", Name.parse(":net").mac("service0").toString());
    }

    @Test
    void derivesEveryDerivedMacOfTheCorpus() {
        assumeTrue(VectorCorpus.present(), "needs ../shared/vectors beside the checkout: " + VectorCorpus.root());
        List<String> checked = new ArrayList<>();
        for (VectorCorpus.Frame frame : VectorCorpus.frames()) {
            JsonNode decoded = frame.decoded().orElse(null);
            if (decoded == null || !"unikernel_info".equals(decoded.path("payload").path("success").asText())) {
                continue;
            }
            // Info replies name unikernels relative to the request's path (spec §4, fold).
            Path base = Name.parse(decoded.path("header").path("name").asText()).path();
            for (JsonNode entry : decoded.path("payload").path("value")) {
                Name relative = Name.parse(entry.path("name").asText());
                List<Label> labels = new ArrayList<>(base.labels());
                labels.addAll(relative.path().labels());
                Name name = new Name(new Path(labels), relative.label());
                for (JsonNode bridge : entry.path("info").path("bridges")) {
                    String mac = bridge.path("mac").asText();
                    if (mac.startsWith("00:80:41:")) {
                        assertEquals(mac, name.mac(bridge.path("unikernel_device").asText()).toString(),
                                frame.id() + " " + name);
                        checked.add(name + "/" + bridge.path("unikernel_device").asText());
                    }
                }
            }
        }
        assertTrue(checked.size() >= 2, "the corpus has derived MACs to check, found " + checked);
    }

    @Test
    void hashesTheNetifAndTheNameWithoutSeparator() throws Exception {
        // Quirk 12: MD5("service" ++ ":hello"), not the "." the OCaml documentation shows.
        byte[] md5 = MessageDigest.getInstance("MD5").digest("service:hello".getBytes(StandardCharsets.US_ASCII));
        byte[] mac = Name.parse(":hello").mac("service").octets();
        assertArrayEquals(new byte[] {0x00, (byte) 0x80, 0x41, md5[0], md5[1], md5[2]}, mac);
        byte[] dotted = MessageDigest.getInstance("MD5").digest("default.foo.bar".getBytes(StandardCharsets.US_ASCII));
        assertEquals("1b1178", HexFormat.of().formatHex(dotted, 0, 3), "the pre-1.5 example of the documentation");
    }

    @Test
    void printsAndParsesColonSeparatedLowercaseHex() {
        Mac mac = Mac.parse("02:00:00:00:00:4A");
        assertEquals("02:00:00:00:00:4a", mac.toString());
        assertEquals(mac, Mac.parse("02:00:00:00:00:4a"));
        assertEquals(mac.hashCode(), new Mac(HexFormat.of().parseHex("02000000004a")).hashCode());
        byte[] octets = mac.octets();
        octets[0] = 9;
        assertEquals("02:00:00:00:00:4a", mac.toString(), "octets() is a copy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "02:00:00:00:00", "02:00:00:00:00:00:00", "2:00:00:00:00:00", "02:00:00:00:00:0g",
        "02-00-00-00-00-00", "020000000000", "02:00:00:00:00:000"})
    void refusesMalformedText(String text) {
        assertThrows(IllegalArgumentException.class, () -> Mac.parse(text));
    }

    @Test
    void refusesOtherThanSixOctets() {
        assertThrows(IllegalArgumentException.class, () -> new Mac(new byte[5]));
        assertThrows(IllegalArgumentException.class, () -> new Mac(new byte[7]));
    }
}
