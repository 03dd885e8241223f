package dev.albatross.tender.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Choosing tap names: the pure part of {@link TapDevices}. */
final class TapNamesTest {
    @Test
    void takesTheSmallestFreeNumber() {
        assertEquals(Optional.of("vmmtap0"), TapDevices.smallestFree("vmmtap", Set.of()));
        assertEquals(Optional.of("vmmtap2"),
                TapDevices.smallestFree("vmmtap", Set.of("vmmtap0", "vmmtap1", "vmmtap3", "eth0")));
    }

    @Test
    void aLeadingZeroDoesNotTakeANumber() {
        assertEquals(Optional.of("vmmtap1"), TapDevices.smallestFree("vmmtap", Set.of("vmmtap0", "vmmtap01")));
    }

    @Test
    void neverExceedsFifteenBytes() {
        Set<String> taken = new HashSet<>();
        for (int n = 0; n < 10; n++) {
            taken.add("abcdefghijklmn" + n);
        }

        assertEquals(Optional.empty(), TapDevices.smallestFree("abcdefghijklmn", taken), "next would be 16 bytes");
        assertEquals(Optional.of("abcdefghijklm10"), TapDevices.smallestFree("abcdefghijklm", Set.of(
                "abcdefghijklm0", "abcdefghijklm1", "abcdefghijklm2", "abcdefghijklm3", "abcdefghijklm4",
                "abcdefghijklm5", "abcdefghijklm6", "abcdefghijklm7", "abcdefghijklm8", "abcdefghijklm9")),
                "15 bytes are allowed");
    }

    @Test
    void readsTheNumberOfOurNamesOnly() {
        assertEquals(Optional.of(12L), TapDevices.number("vmmtap", "vmmtap12"));
        assertEquals(Optional.empty(), TapDevices.number("vmmtap", "vmmtap"));
        assertEquals(Optional.empty(), TapDevices.number("vmmtap", "vmmtapx"));
        assertEquals(Optional.empty(), TapDevices.number("vmmtap", "vmmtap1x"));
        assertEquals(Optional.empty(), TapDevices.number("vmmtap", "tap1"));
    }

    @Test
    void refusesPrefixesThatCannotFormNames() {
        NetInterfaces interfaces = new NetInterfaces();
        for (String bad : List.of("", "tap0", "a/b", "abcdefghijklmno")) {
            assertThrows(IllegalArgumentException.class, () -> new TapDevices(bad, interfaces), bad);
        }
    }

    @Property
    void theChosenNameIsFreeAndEverySmallerOneIsTaken(
            @ForAll @Size(max = 40) Set<@IntRange(min = 0, max = 50) Integer> takenNumbers) {
        Set<String> taken = new HashSet<>();
        takenNumbers.forEach(n -> taken.add("t" + n));

        String chosen = TapDevices.smallestFree("t", taken).orElseThrow();
        long n = TapDevices.number("t", chosen).orElseThrow();

        assertEquals(false, taken.contains(chosen));
        for (long smaller = 0; smaller < n; smaller++) {
            assertEquals(true, taken.contains("t" + smaller), "t" + smaller);
        }
    }
}
