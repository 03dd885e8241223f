package dev.albatross.protocol.state;

import static dev.albatross.protocol.vectors.HandDer.NULL;
import static dev.albatross.protocol.vectors.HandDer.ctx;
import static dev.albatross.protocol.vectors.HandDer.seq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.der.DecodeError;
import dev.albatross.protocol.der.Decoded;
import dev.albatross.protocol.name.Mac;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.vectors.HandDer;
import dev.albatross.protocol.wire.BlockDevice;
import dev.albatross.protocol.wire.FailBehaviour;
import dev.albatross.protocol.wire.NetIf;
import dev.albatross.protocol.wire.Policy;
import dev.albatross.protocol.wire.Typ;
import dev.albatross.protocol.wire.UnikernelConfig;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every state file version Albatross ever wrote (spec §5.9), from {@link StateExamples}: each decodes to what
 * its grammar holds of the upstream configurations u1 and u2, and re-encodes to the same bytes (but V0, which
 * Albatross cannot write either). Names must parse and be unique per trie; tag [7] is "not yet implemented".
 */
class OldStateFormatsTest {
    private static final Mac DEADBEEF = Mac.parse("00:de:ad:be:ef:00");
    private static final List<String> ARGV = List.of("-l *:debug");
    private static final Policy ROOT_POLICY = new Policy((1L << 62) - 1, List.of(0, 1), 24105, OptionalInt.of(258019),
            List.of("albr0", "barbr23081"));
    private static final Policy FOO_POLICY = new Policy(3, List.of(0), 256, OptionalInt.empty(), List.of());

    /** What every old grammar decodes to for what it does not hold (spec §5.3). */
    private static UnikernelConfig.Builder old() {
        return UnikernelConfig.builder().typ(Typ.SOLO5).compressed(false).image(Bytes.EMPTY)
                .startup(OptionalInt.empty()).addName(true).failBehaviour(new FailBehaviour.Quit())
                .cpus(OptionalInt.of(1)).linuxBootPartition(Optional.empty());
    }

    private static UnikernelConfig.Builder u1() {
        return old().cpuids(List.of(0)).memoryMb(1).arguments(Optional.of(ARGV));
    }

    private static UnikernelConfig.Builder u2() {
        return old().cpuids(List.of(2)).memoryMb(10);
    }

    private static StateFile decodes(String hex, StateFile.Format format) {
        byte[] der = HandDer.bytes(hex);
        StateFile state = StateFileCodec.decode(der.clone()).fold(s -> s, e -> {
            throw new AssertionError(e.message());
        });
        assertEquals(format, state.format());
        if (format != StateFile.Format.OLD0) {
            assertEquals(HexFormat.of().formatHex(der), HexFormat.of().formatHex(StateFileCodec.encode(state)),
                    "re-encoding " + format);
        }
        return state;
    }

    private static StateFile.NamedUnikernel unikernel(String name, UnikernelConfig config) {
        return new StateFile.NamedUnikernel(Name.parse(name), config);
    }

    @Test
    void decodesV1UnikernelsWithBlockAndBridgeNamesOnly() {
        StateFile s = decodes(StateExamples.old1(), StateFile.Format.OLD1);
        assertEquals(List.of(
                unikernel(":foo.hello", u1().blocks(List.of(BlockDevice.of("block"), BlockDevice.of("secondblock")))
                        .bridges(List.of(NetIf.of("service"), NetIf.of("other-net"))).build()),
                unikernel(":foo.my.nice.unikernel", u2().bridges(List.of(NetIf.of("service"))).build())),
                s.unikernels());
        assertEquals(List.of(), s.policies(), "versions [0]-[3] have no policies");
    }

    @Test
    void rewritesPre15NamesInTheirCurrentTextForm() {
        // Wire-4 era dumps wrote "foo.my.nice.unikernel": today one label at the root, written ":foo.my...".
        String old = ctx(3, StateExamples.trie("foo.my.nice.unikernel", StateExamples.u2V3()));
        StateFile s = StateFileCodec.decode(HandDer.bytes(old)).orElseThrow();
        assertEquals(Name.parse(":foo.my.nice.unikernel"), s.unikernels().get(0).name());
        assertEquals(ctx(3, StateExamples.trie(":foo.my.nice.unikernel", StateExamples.u2V3())),
                HexFormat.of().formatHex(StateFileCodec.encode(s)));
    }

    @Test
    void decodesV0UnikernelsButCannotWriteThem() {
        StateFile s = decodes(StateExamples.old0(), StateFile.Format.OLD0);
        assertEquals(List.of(
                unikernel("foo.hello", u1().compressed(true).image(Bytes.fromHex("78da"))
                        .blocks(List.of(BlockDevice.of("block")))
                        .bridges(List.of(NetIf.of("service"), NetIf.of("other-net"))).build()),
                unikernel("bar.hello", u2().image(Bytes.fromHex("7f454c46")).build()),
                unikernel("baz.hello", old().cpuids(List.of(3)).memoryMb(20).build())),
                s.unikernels());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StateFileCodec.encode(s));
        assertTrue(e.getMessage().contains("cannot encode v0"), e.getMessage());
        // What the daemon does with it: write it back in the current format.
        StateFile current = StateFile.current(s.unikernels(), List.of());
        assertEquals(s.unikernels(), StateFileCodec.decode(StateFileCodec.encode(current)).orElseThrow().unikernels());
    }

    @Test
    void decodesV2UnikernelsWithNetifBridgePairsInWireOrder() {
        StateFile s = decodes(StateExamples.old2(), StateFile.Format.OLD2);
        assertEquals(List.of(
                unikernel(":foo.hello", u1().blocks(List.of(BlockDevice.of("block"), BlockDevice.of("second-data")))
                        .bridges(List.of(NetIf.of("service"),
                                new NetIf("other-net", Optional.of("second-bridge"), Optional.empty()))).build()),
                unikernel(":foo.my.nice.unikernel", u2().bridges(List.of(
                        new NetIf("service", Optional.of("bridge-interface"), Optional.empty()))).build())),
                s.unikernels());
    }

    private static List<StateFile.NamedUnikernel> v3Unikernels() {
        return List.of(
                unikernel("foo:hello", u1().blocks(List.of(BlockDevice.of("block"),
                        new BlockDevice("secondblock", Optional.of("second-data"), OptionalInt.empty())))
                        .bridges(List.of(NetIf.of("service"),
                                new NetIf("other-net", Optional.of("second-bridge"), Optional.empty()))).build()),
                unikernel("foo:my.nice.unikernel", u2().bridges(List.of(
                        new NetIf("service", Optional.of("bridge-interface"), Optional.of(DEADBEEF)))).build()));
    }

    @Test
    void decodesV3UnikernelsWithNamedBlockDevicesAndMacs() {
        StateFile s = decodes(StateExamples.old3(), StateFile.Format.OLD3);
        assertEquals(v3Unikernels(), s.unikernels());
        assertEquals(List.of(), s.policies());
    }

    @Test
    void decodesV3UnikernelsWithPolicies() {
        StateFile s = decodes(StateExamples.old3WithPolicies(), StateFile.Format.OLD3_WITH_POLICIES);
        assertEquals(v3Unikernels(), s.unikernels());
        assertEquals(List.of(new StateFile.NamedPolicy(Name.ROOT, ROOT_POLICY),
                new StateFile.NamedPolicy(Name.parse("foo:"), FOO_POLICY)), s.policies());
        assertEquals(4611686018427387903L, s.policies().get(0).policy().unikernels(), "max_int survives");
    }

    @Test
    void decodesV4UnikernelsWithStartupAndAddName() {
        StateFile s = decodes(StateExamples.v4WithPolicies(), StateFile.Format.V4_WITH_POLICIES);
        UnikernelConfig u1 = u1().compressed(true).image(Bytes.fromHex("78da")).startup(OptionalInt.of(20))
                .addName(false).failBehaviour(new FailBehaviour.Restart(List.of(0, 5)))
                .blocks(v3Unikernels().get(0).config().blocks()).build();
        UnikernelConfig u2 = v3Unikernels().get(1).config();
        assertEquals(List.of(unikernel("foo:hello", u1), unikernel("foo:my.nice.unikernel", u2)), s.unikernels());
        assertEquals(List.of(new StateFile.NamedPolicy(Name.ROOT, ROOT_POLICY)), s.policies());
    }

    @Test
    void decodesTheSpecsCurrentDump() {
        byte[] dump = StateExamples.specDump();
        assertEquals(500, dump.length);
        StateFile s = decodes(HexFormat.of().formatHex(dump), StateFile.Format.CURRENT);
        UnikernelConfig u1 = v3Unikernels().get(0).config();
        UnikernelConfig u2 = v3Unikernels().get(1).config();
        assertEquals(List.of(unikernel("bar:hello", u2), unikernel("bar:my.nice.unikernel", u2),
                unikernel("foo:hello", u1), unikernel("foo:my.nice.unikernel", u1)), s.unikernels());
        assertEquals(List.of(), s.policies());
        assertEquals(HexFormat.of().formatHex(dump),
                HexFormat.of().formatHex(StateFileCodec.encode(StateFile.current(s.unikernels(), List.of()))));
    }

    // ---- refused ---------------------------------------------------------------------------------------------

    private static DecodeError refuses(String hex) {
        Decoded<StateFile> d = StateFileCodec.decode(HandDer.bytes(hex));
        assertTrue(d instanceof Decoded.Failed, "should be refused: " + d);
        return ((Decoded.Failed<StateFile>) d).error();
    }

    @Test
    void refusesTheReservedTag7AsNotYetImplemented() {
        DecodeError e = refuses(ctx(7, NULL));
        assertEquals("not yet implemented", e.reason());
        assertEquals("State.nyi", e.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a8020500", "300000", "0500", ""})
    void refusesUnknownVersionTags(String hex) {
        assertTrue(refuses(hex).reason().contains("unknown state version tag"));
    }

    @Test
    void refusesDuplicateNamesInATrie() {
        String u = StateExamples.u2V3();
        String hex = ctx(3, StateExamples.trie(":hello", u, ":hello", u));
        DecodeError twice = refuses(hex);
        assertEquals("duplicate name :hello", twice.reason());
        assertEquals("State.OLD3.unikernels.entry.name", twice.field());
        assertEquals(hex.lastIndexOf(HandDer.utf8(":hello")) / 2, twice.offset(), "at the second name's tag");
        // foo:bar and foo:bar: are the same trie node (spec §4).
        assertTrue(refuses(ctx(3, StateExamples.trie("foo:bar", u, "foo:bar:", u))).reason().contains("duplicate"));
        assertTrue(refuses(ctx(3, StateExamples.trie("foo", u, ":FOO", u))).reason().contains("duplicate"),
                "names are compared after lowercasing");
        String policies = StateExamples.trie("foo:", StateExamples.fooPolicy(), "foo:", StateExamples.fooPolicy());
        DecodeError policyTwice = refuses(ctx(6, seq(StateExamples.trie(), policies)));
        assertEquals("duplicate name foo:", policyTwice.reason());
        assertEquals("State.CURRENT.SEQUENCE.policies.entry.name", policyTwice.field());
    }

    @Test
    void allowsTheSameNameInTheUnikernelAndThePolicyTrie() {
        String v5 = seq(ctx(0, NULL), HandDer.FALSE, HandDer.octets(""), HandDer.TRUE, ctx(0, NULL),
                HandDer.set(HandDer.integer(0)), HandDer.integer(16));
        StateFile s = decodes(ctx(6, seq(StateExamples.trie("foo:bar", v5), StateExamples.trie("foo:bar:",
                StateExamples.fooPolicy()))), StateFile.Format.CURRENT);
        assertEquals(1, s.unikernels().size());
        assertEquals(1, s.policies().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad_name!", "", "a::b", "::", "foo:-bar", "x y"})
    void refusesInvalidNames(String name) {
        DecodeError e = refuses(ctx(3, StateExamples.trie(name, StateExamples.u2V3())));
        assertTrue(e.reason().startsWith("invalid name"), e.toString());
        assertEquals("State.OLD3.unikernels.entry.name", e.field());
    }

    @Test
    void refusesTrailingBytesAndPoliciesInFormatsWithoutThem() {
        assertTrue(refuses(StateExamples.old3() + "00").reason().contains("trailing bytes"));
        // [3] holds a trie, not { trie, trie }.
        refuses(ctx(3, seq(StateExamples.trie(), StateExamples.trie(":", StateExamples.rootPolicy()))));
        assertThrows(IllegalArgumentException.class, () -> new StateFile(StateFile.Format.OLD3, List.of(),
                List.of(new StateFile.NamedPolicy(Name.ROOT, ROOT_POLICY))));
    }
}
