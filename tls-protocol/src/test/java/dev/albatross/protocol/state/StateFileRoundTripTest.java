package dev.albatross.protocol.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.protocol.der.DecodeError;
import dev.albatross.protocol.der.DerReader;
import dev.albatross.protocol.gen.ForAll;
import dev.albatross.protocol.gen.Gen;
import dev.albatross.protocol.name.Label;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.NetIf;
import dev.albatross.protocol.wire.Policy;
import dev.albatross.protocol.wire.UnikernelConfig;
import dev.albatross.protocol.wire.WireGen;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Round trip of random state files in every format that can be written (all but OLD0): decode(encode(s))
 * equals s, and re-encoding gives the same bytes. Names are unique per trie, as the decoder requires.
 */
class StateFileRoundTripTest {

    /** Entries with distinct trie keys ({@code foo:bar} and {@code foo:bar:} count as the same). */
    private static <T> Gen<List<T>> uniqueByName(Gen<T> entries, Function<T, Name> name) {
        return entries.list(0, 4).map(list -> {
            Map<List<Label>, T> unique = new LinkedHashMap<>();
            list.forEach(e -> unique.putIfAbsent(name.apply(e).labels(), e));
            return List.copyOf(unique.values());
        });
    }

    static Gen<StateFile> stateFiles(StateFile.Format format) {
        Gen<UnikernelConfig> configs = WireGen.config(format.configFormat());
        Gen<StateFile.NamedUnikernel> unikernel = r -> new StateFile.NamedUnikernel(WireGen.name().next(r),
                configs.next(r));
        Gen<StateFile.NamedPolicy> policy = r -> new StateFile.NamedPolicy(WireGen.path().next(r).asName(),
                WireGen.policy().next(r));
        Gen<List<StateFile.NamedUnikernel>> unikernels = uniqueByName(unikernel, StateFile.NamedUnikernel::name);
        Gen<List<StateFile.NamedPolicy>> policies = format.hasPolicies()
                ? uniqueByName(policy, StateFile.NamedPolicy::name) : Gen.constant(List.of());
        return r -> new StateFile(format, unikernels.next(r), policies.next(r));
    }

    @TestFactory
    Iterable<DynamicTest> stateFilesRoundTripInEveryWritableFormat() {
        return Arrays.stream(StateFile.Format.values()).filter(f -> f != StateFile.Format.OLD0)
                .map(format -> DynamicTest.dynamicTest(format.name(), () ->
                        ForAll.check("state file " + format, 400, stateFiles(format), s -> {
                            byte[] der = StateFileCodec.encode(s);
                            assertEquals(0xA0 + format.tag(), der[0] & 0xFF, "outer tag [0]..[6] (spec §5.9)");
                            StateFile back = StateFileCodec.decode(der.clone()).fold(x -> x, e -> {
                                throw new AssertionError(e.message() + "\n  " + HexFormat.of().formatHex(der));
                            });
                            assertEquals(s, back);
                            assertArrayEquals(der, StateFileCodec.encode(back));
                        })))
                .toList();
    }

    @TestFactory
    Iterable<DynamicTest> readsListsOf65536EntriesAndRefusesLongerOnes() {
        Map<String, IntFunction<StateFile>> lists = new LinkedHashMap<>();
        lists.put("unikernels", n -> StateFile.current(IntStream.range(0, n).mapToObj(i -> new StateFile.NamedUnikernel(
                Name.parse(":u" + i), UnikernelConfig.builder().build())).toList(), List.of()));
        lists.put("policies", n -> StateFile.current(List.of(), IntStream.range(0, n).mapToObj(i ->
                new StateFile.NamedPolicy(Name.parse("p" + i + ":"), new Policy(1, List.of(0), 1, OptionalInt.empty(),
                        List.of()))).toList()));
        // The V2 configuration's bridges: a SEQUENCE OF SEQUENCE { netif, bridge OPT } read by its own loop.
        lists.put("bridges.SEQUENCE", n -> new StateFile(StateFile.Format.OLD2, List.of(new StateFile.NamedUnikernel(
                Name.parse(":u"), UnikernelConfig.builder().bridges(Collections.nCopies(n, NetIf.of(""))).build())),
                List.of()));
        return lists.entrySet().stream().map(list -> DynamicTest.dynamicTest(list.getKey(), () -> {
            byte[] most = StateFileCodec.encode(list.getValue().apply(DerReader.MAX_LIST_ELEMENTS));
            assertTrue(StateFileCodec.decode(most).isOk(), list.getKey());
            byte[] tooMany = StateFileCodec.encode(list.getValue().apply(DerReader.MAX_LIST_ELEMENTS + 1));
            DecodeError e = StateFileCodec.decode(tooMany).fold(s -> {
                throw new AssertionError(list.getKey() + ": a list of 65,537 entries was accepted");
            }, error -> error);
            assertEquals("more than 65536 elements", e.reason(), e.toString());
            assertTrue(e.field().endsWith("." + list.getKey()), e.toString());
        })).toList();
    }

    @Test
    void v0CannotBeWritten() {
        StateFile s = new StateFile(StateFile.Format.OLD0, List.of(new StateFile.NamedUnikernel(Name.parse(":x"),
                UnikernelConfig.builder().build())), List.of());
        assertThrows(IllegalArgumentException.class, () -> StateFileCodec.encode(s));
    }
}
