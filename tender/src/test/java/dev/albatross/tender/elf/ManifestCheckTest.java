package dev.albatross.tender.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManifestCheckTest {
    private static Solo5Image image(Solo5ImageBuilder builder) throws Solo5ImageException {
        return Solo5Image.read(builder.build());
    }

    @Test
    void rendersTheManifestLikeVector016() throws Exception {
        Path vector = Path.of(System.getProperty("albatross.shared", "../../shared"),
                "vectors/016-create-manifest-mismatch.json");
        Solo5Image net = Solo5Image.read(Files.readAllBytes(vector.resolveSibling("images/net.hvt")));
        Optional<String> mismatch = ManifestCheck.mismatch(net, List.of(), List.of());
        assertEquals(Optional.of("specified bridge(s) does not match with the manifest. Devices present in manifest: "
                + "net \"service0\""), mismatch);
        // The client prints "albatross-client: <failure>\n"; the recorded output must contain our text verbatim.
        String recorded = Files.readString(vector);
        assertEquals(true, recorded.contains(mismatch.get().replace("\"", "\\\"")));
    }

    @Test
    void comparesBlockNamesFirstAndAsSets() throws Exception {
        Solo5Image image = image(Solo5ImageBuilder.hvt().net("service0").block("storage").block("data"));
        assertEquals(Optional.empty(), ManifestCheck.mismatch(image, List.of("data", "storage", "data"),
                List.of("service0")));
        assertEquals(Optional.of("specified block device(s) does not match with manifest. Devices present in "
                        + "manifest: net \"service0\", block \"storage\", block \"data\""),
                ManifestCheck.mismatch(image, List.of("storage"), List.of()));
        assertEquals(Optional.of("specified bridge(s) does not match with the manifest. Devices present in "
                        + "manifest: net \"service0\", block \"storage\", block \"data\""),
                ManifestCheck.mismatch(image, List.of("storage", "data"), List.of("service0", "extra")));
    }

    @Test
    void anEmptyManifestMatchesOnlyNoDevices() throws Exception {
        Solo5Image hello = image(Solo5ImageBuilder.hvt());
        assertEquals(Optional.empty(), ManifestCheck.mismatch(hello, List.of(), List.of()));
        assertEquals(Optional.of("specified block device(s) does not match with manifest. Devices present in "
                + "manifest: "), ManifestCheck.mismatch(hello, List.of("disk"), List.of()));
    }

    @Test
    void quotesNamesLikeOcamlPercentS() {
        assertEquals("\"plain\"", ManifestCheck.ocamlQuoted("plain"));
        assertEquals("\"a\\\"b\\\\c\\n\\t\\r\\b\"", ManifestCheck.ocamlQuoted("a\"b\\c\n\t\r\b"));
        assertEquals("\"\\000\\127\\195\\169\"", ManifestCheck.ocamlQuoted("\0\u007fé"));
    }
}
