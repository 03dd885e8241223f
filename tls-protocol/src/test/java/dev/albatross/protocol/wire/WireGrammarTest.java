package dev.albatross.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.der.DecodeError;
import dev.albatross.protocol.der.Decoded;
import dev.albatross.protocol.der.DerReader;
import dev.albatross.protocol.name.Mac;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.vectors.HandDer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The grammar of spec §5 from bytes written by hand: what Albatross refuses (removed tags, other versions,
 * invalid names, trailing bytes) we refuse with a reason, and the decode-only variants old clients and CA
 * certificates still send ([9]/[10], [16]/[17], [15]/[18], [14][1]/[14][2], block [3]/[4]/[5], success
 * [7]/[9]/[11]) decode as the spec says and re-encode to the same bytes.
 */
class WireGrammarTest {

    private static String t(String tag, String... parts) {
        return HandDer.tlv(tag, parts);
    }

    private static String utf8(String s) {
        return HandDer.utf8(s);
    }

    private static String integer(int v) {
        return HandDer.integer(v);
    }

    private static final String NULL = HandDer.NULL;
    private static final String TRUE = HandDer.TRUE;
    private static final String FALSE = HandDer.FALSE;

    static String message(String name, String payload) {
        return t("30", SpecWireVectorsTest.header(0, name), payload);
    }

    static String command(String group, String body) {
        return t("a0", t(group, body));
    }

    private static Wire decodes(String hex) {
        byte[] der = HexFormat.of().parseHex(hex);
        Wire w = WireCodec.decode(der.clone()).fold(x -> x, e -> {
            throw new AssertionError(e.message() + "\n  " + hex);
        });
        assertEquals(hex, HexFormat.of().formatHex(WireCodec.encode(w)), "re-encoding");
        return w;
    }

    private static DecodeError refuses(String hex) {
        Decoded<Wire> d = WireCodec.decode(HexFormat.of().parseHex(hex));
        assertTrue(d instanceof Decoded.Failed, "should be refused: " + hex + " decoded as " + d);
        return ((Decoded.Failed<Wire>) d).error();
    }

    private static void refuses(String hex, String reason) {
        DecodeError e = refuses(hex);
        assertTrue(e.reason().contains(reason), "reason of " + e + " should contain: " + reason);
    }

    // ---- refused ---------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 4, 6, 255})
    void refusesEveryVersionButFive(int version) {
        String header = t("30", integer(version), "0408 0000000000000000", utf8(":foo"));
        DecodeError e = refuses(t("30", header, command("a3", t("b3", NULL))));
        assertEquals("Wire.header.version", e.field());
        assertEquals(4, e.offset(), "at the version's tag");
        assertTrue(e.reason().startsWith("unknown version number 0x" + Integer.toHexString(version).toUpperCase()),
                e.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad_name!", "", "a::b", "::", "-x", "foo:-"})
    void refusesInvalidHeaderNames(String name) {
        String header = t("30", integer(5), "0408 0000000000000000", utf8(name));
        DecodeError e = refuses(t("30", header, command("a3", t("b3", NULL))));
        assertEquals("Wire.header.name", e.field());
        assertEquals(17, e.offset(), "at the name's tag, after version (at 4, 3 bytes) and sequence (10 bytes)");
        assertTrue(e.reason().startsWith("invalid name"), e.reason());
    }

    @Test
    void normalisesUppercaseNames() {
        Wire w = WireCodec.decode(HexFormat.of().parseHex(message(":BLK", command("a3", t("b3", NULL)))))
                .orElseThrow();
        assertEquals(Name.parse(":blk"), w.header().name());
        assertEquals(":blk", w.header().name().text(), "replies carry the normalised name");
    }

    @Test
    void refusesTheRemovedLogCommandAndLogData() {
        refuses(message(":", command("a2", NULL)), "support for log dropped");
        refuses(message(":", t("a3", t("a2", NULL))), "support for log was dropped");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 4, 5, 6, 7, 8, 12, 13, 22, 30})
    void refusesRemovedAndUnknownUnikernelCommands(int tag) {
        DecodeError e = refuses(message(":blk", command("a3", t(String.format("%02x", 0xA0 + tag), NULL))));
        assertTrue(e.reason().contains("unikernel command tag [" + tag + "]"), e.toString());
        assertEquals("Wire.command.unikernel.UnikernelCmd", e.field());
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5, 8, 14})
    void refusesRemovedAndUnknownSuccessTags(int tag) {
        refuses(message(":", t("a1", t(String.format("%02x", 0xA0 + tag), NULL))), "success tag [" + tag + "]");
    }

    @Test
    void refusesRemovedAndUnknownTagsElsewhere() {
        // Data [0] was the UTCTime console line (removed in 2.6.0).
        refuses(message(":", t("a3", t("a0", t("30", "170d" + "3235303832323133303434335a", utf8("x"))))),
                "data tag 0xa0");
        // Console [1] was the UTCTime subscribe.
        refuses(message(":foo", command("a0", t("a1", "170d" + "3235303832323133303434335a"))),
                "console command tag 0xa1");
        refuses(message(":foo", command("a0", t("a2", t("a2", integer(1))))), "expected [0] since or [1] count");
        refuses(message(":foo", command("a1", t("a4", NULL))), "statistics command tag 0xa4");
        refuses(message(":foo", command("a4", t("a3", NULL))), "policy command tag 0xa3");
        refuses(message(":foo", command("a5", t("a8", NULL))), "block command tag 0xa8");
        refuses(message(":foo", command("a6", NULL)), "unknown command tag 0xa6");
        refuses(message(":foo", t("a4", NULL)), "expected command [0], reply [1], failure [2] or data [3]");
        refuses(message(":foo", command("a3", t("ae", t("a4", NULL)))), "unknown restart tag 0xa4");
        refuses(message(":foo", t("a3", t("a4", t("a2", NULL)))), "expected [0] some-data or [1] no-data");
        assertEquals("Wire.payload", refuses(message(":foo", "")).field(), "no payload at all");
    }

    // ---- list sizes ------------------------------------------------------------------------------------------

    /** Every list of the grammar (spec §5), made with {@code n} elements; the path ends in the list's field. */
    static Stream<Arguments> lists() {
        Name a = Name.parse("a");
        Policy policy = new Policy(1, List.of(0), 1, OptionalInt.empty(), List.of());
        Info info = new Info(Typ.SOLO5, OptionalInt.empty(), new FailBehaviour.Quit(), List.of(0), 1, Bytes.EMPTY,
                List.of(), List.of(), Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty());
        Rusage rusage = new Rusage(Timeval.ZERO, Timeval.ZERO, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        IfData ifdata = new IfData("", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        return Stream.of(
                list("consoles", n -> new Success.Consoles(Collections.nCopies(n, a)), "consoles.SEQUENCE"),
                list("create cpuids", n -> create(UnikernelConfig.builder().cpuids(ints(n))), "cpuids"),
                list("create arguments", n -> create(UnikernelConfig.builder()
                        .arguments(Optional.of(Collections.nCopies(n, "")))), "arguments.SEQUENCE"),
                list("create blocks", n -> create(UnikernelConfig.builder()
                        .blocks(Collections.nCopies(n, BlockDevice.of("")))), "blocks.SET"),
                list("create bridges", n -> create(UnikernelConfig.builder()
                        .bridges(Collections.nCopies(n, NetIf.of("")))), "bridges.SET"),
                list("create exit codes", n -> create(UnikernelConfig.builder()
                        .failBehaviour(new FailBehaviour.Restart(ints(n)))), "restart-exit-codes"),
                list("policy cpuids", n -> new PolicyCmd.Add(new Policy(1, ints(n), 1, OptionalInt.empty(),
                        List.of())), "cpuids"),
                list("policy bridges", n -> new PolicyCmd.Add(new Policy(1, List.of(0), 1, OptionalInt.empty(),
                        IntStream.range(0, n).mapToObj(Integer::toString).toList())), "bridges"),
                list("stats add network", n -> new StatsCmd.Add("", 1,
                        Collections.nCopies(n, new StatsCmd.Interface("", ""))), "network"),
                list("policies", n -> new Success.Policies(Collections.nCopies(n, new Success.PolicyEntry(a,
                        policy))), "policies.SEQUENCE"),
                list("block devices", n -> new Success.BlockDevices(Collections.nCopies(n,
                        new Success.BlockDeviceEntry(a, 1, true))), "block-devices.SEQUENCE"),
                list("unikernel info", n -> new Success.UnikernelInfo(Collections.nCopies(n,
                        new Success.InfoEntry(a, info))), "SEQUENCE"),
                list("info blocks", n -> new Success.UnikernelInfo(List.of(new Success.InfoEntry(a, new Info(
                        Typ.SOLO5, OptionalInt.empty(), new FailBehaviour.Quit(), List.of(0), 1, Bytes.EMPTY,
                        Collections.nCopies(n, new Info.Block("", "", 512, 1)), List.of(), Optional.empty(),
                        Optional.empty(), OptionalInt.empty(), Optional.empty())))), "blocks.SET"),
                list("info bridges", n -> new Success.UnikernelInfo(List.of(new Success.InfoEntry(a, new Info(
                        Typ.SOLO5, OptionalInt.empty(), new FailBehaviour.Quit(), List.of(0), 1, Bytes.EMPTY,
                        List.of(), Collections.nCopies(n, new Info.Bridge("", "", Mac.parse("00:00:00:00:00:00"))),
                        Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty())))), "bridges.SET"),
                list("statistics ifdata", n -> new Data.Statistics(rusage, Collections.nCopies(n, ifdata),
                        Optional.empty(), Optional.empty()), "ifdata"),
                list("statistics vmm", n -> new Data.Statistics(rusage, List.of(),
                        Optional.of(Collections.nCopies(n, new VmmStat("", 0))), Optional.empty()),
                        "vmm-stats.SEQUENCE"));
    }

    private static Arguments list(String name, IntFunction<Payload> payload, String field) {
        return Arguments.of(name, payload, field);
    }

    private static UnikernelCmd.Create create(UnikernelConfig.Builder config) {
        return new UnikernelCmd.Create(config.build());
    }

    private static List<Integer> ints(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lists")
    void readsListsOf65536ElementsAndRefusesLongerOnes(String list, IntFunction<Payload> payload, String field) {
        Header h = Header.of(0, Name.ROOT);
        Wire most = new Wire(h, payload.apply(DerReader.MAX_LIST_ELEMENTS));
        assertEquals(most, WireCodec.decode(WireCodec.encode(most)).orElseThrow(), list);

        byte[] tooMany = WireCodec.encode(new Wire(h, payload.apply(DerReader.MAX_LIST_ELEMENTS + 1)));
        DecodeError e = WireCodec.decode(tooMany).fold(w -> {
            throw new AssertionError(list + ": a list of 65,537 elements was accepted");
        }, error -> error);
        assertEquals("more than 65536 elements", e.reason(), e.toString());
        assertTrue(e.field().endsWith("." + field), e.toString());
    }

    @Test
    void refusesTrailingBytes() {
        String valid = message(":", command("a3", t("b3", NULL)));
        DecodeError e = refuses(valid + "0000");
        assertEquals(valid.length() / 2, e.offset());
        assertTrue(e.reason().contains("trailing bytes (2)"), e.toString());
        assertEquals("Wire", e.field());
        // ... and inside an element: info [19] with two NULLs.
        refuses(message(":", command("a3", t("b3", NULL, NULL))), "trailing bytes (2)");
        // ... and inside the Wire SEQUENCE: a second payload.
        String header = SpecWireVectorsTest.header(0, ":");
        refuses(t("30", header, command("a3", t("b3", NULL)), t("a2", utf8("x"))), "trailing bytes");
    }

    @Test
    void refusesAnUnknownTypAndMacsOfOtherThanSixBytes() {
        String config = t("30", t("a2", NULL), FALSE, "0400", TRUE, t("a0", NULL), t("31", integer(0)), integer(32));
        refuses(message(":u", command("a3", t("b4", config))), "expected [0] solo5 or [1] bhyve");
        String netif = t("30", utf8("service"), utf8("br0"), "0405 0102030405");
        String withMac = t("30", t("a0", NULL), FALSE, "0400", TRUE, t("a0", NULL), t("31", integer(0)), integer(32),
                t("a1", t("31", netif)));
        refuses(message(":u", command("a3", t("b4", withMac))), "bad mac address: 5 bytes, not 6");
    }

    @Test
    void refusesIntegersOutsideTheRangesWeNarrowTo() {
        // Stricter than Albatross (63-bit ints): sizes, memory, levels, cpu ids and pids must fit 32 bits.
        refuses(message(":d", command("a5", t("a1", "0205 0080000000"))), "out of range");
        refuses(message(":d", command("a5", t("a6", "0205 00ffffffff"))), "out of range");
    }

    // ---- decode-only variants --------------------------------------------------------------------------------

    private static final String MAC = "0406 02000000002a";

    /** A V3 configuration: typ, compressed, image, fail-behaviour, cpuid, memory, [0] blocks, [1] nets, [2] argv. */
    private static String configV3() {
        return t("30", t("a0", NULL), FALSE, "0403 616263", t("a1", t("31", integer(3), integer(4))), integer(1),
                integer(64), t("a0", t("31", t("30", utf8("block")), t("30", utf8("secondblock"), utf8("second-data"),
                        integer(4096)))),
                t("a1", t("31", t("30", utf8("service"), utf8("br0"), MAC))),
                t("a2", t("30", utf8("-l"), utf8("*:debug"))));
    }

    private static UnikernelConfig expectedV3() {
        return UnikernelConfig.builder().typ(Typ.SOLO5).compressed(false).image(Bytes.fromHex("616263"))
                .startup(OptionalInt.empty()).addName(true).failBehaviour(new FailBehaviour.Restart(List.of(3, 4)))
                .cpuids(List.of(1)).memoryMb(64)
                .blocks(List.of(BlockDevice.of("block"),
                        new BlockDevice("secondblock", Optional.of("second-data"), OptionalInt.of(4096))))
                .bridges(List.of(new NetIf("service", Optional.of("br0"), Optional.of(Mac.parse("02:00:00:00:00:2a")))))
                .arguments(Optional.of(List.of("-l", "*:debug"))).cpus(OptionalInt.of(1)).build();
    }

    @Test
    void decodesOldCreateCommandsWithV3Configurations() {
        Wire create = decodes(message(":u", command("a3", t("a9", configV3()))));
        assertEquals(new UnikernelCmd.Create(expectedV3(), ConfigFormat.V3), create.payload());
        Wire force = decodes(message(":u", command("a3", t("aa", configV3()))));
        assertEquals(new UnikernelCmd.ForceCreate(expectedV3(), ConfigFormat.V3), force.payload());
    }

    @Test
    void decodesOldCreateCommandsWithV4Configurations() {
        // V4: typ, compressed, image, startup OPTIONAL, add-name, fail-behaviour, cpuid, memory, [0], [1], [2].
        String v4 = t("30", t("a1", NULL), TRUE, "0400", integer(10), FALSE, t("a0", NULL), integer(2), integer(300));
        UnikernelConfig expected = UnikernelConfig.builder().typ(Typ.BHYVE).compressed(true).image(Bytes.EMPTY)
                .startup(OptionalInt.of(10)).addName(false).failBehaviour(new FailBehaviour.Quit())
                .cpuids(List.of(2)).memoryMb(300).cpus(OptionalInt.of(1)).build();
        assertEquals(new UnikernelCmd.Create(expected, ConfigFormat.V4),
                decodes(message(":u", command("a3", t("b0", v4)))).payload());
        assertEquals(new UnikernelCmd.ForceCreate(expected, ConfigFormat.V4),
                decodes(message(":u", command("a3", t("b1", v4)))).payload());
    }

    @Test
    void decodesTheCurrentConfigurationWithItsOptionalTail() {
        String v5 = t("30", t("a0", NULL), FALSE, "0400", TRUE, t("a0", NULL), t("31", integer(0), integer(1)),
                integer(16), t("a2", "3000"), t("a4", utf8("p1")));
        UnikernelConfig c = ((UnikernelCmd.Create) decodes(message(":u", command("a3", t("b4", v5)))).payload())
                .config();
        assertEquals(List.of(0, 1), c.cpuids());
        assertEquals(Optional.of(List.of()), c.arguments(), "Some [] is [2] { 30 00 }");
        assertEquals(OptionalInt.empty(), c.cpus(), "[3] absent");
        assertEquals(1, c.effectiveCpus());
        assertEquals(50, c.effectiveStartup());
        assertEquals(Optional.of("p1"), c.linuxBootPartition());
    }

    @Test
    void decodesRestartArgumentsInTheirThreeFormats() {
        // [14][1] V0: fail-behaviour, cpuid, memory, [0], [1], [2].
        String v0 = t("30", t("a1", "3100"), integer(0), integer(32));
        UnikernelArguments a0 = new UnikernelArguments(FailBehaviour.Restart.onAnyExit(), OptionalInt.empty(), true,
                List.of(0), 32, List.of(), List.of(), Optional.empty(), OptionalInt.of(1), Optional.empty());
        assertEquals(new UnikernelCmd.Restart(Optional.of(a0), UnikernelArguments.Format.V0),
                decodes(message(":u", command("a3", t("ae", t("a1", v0))))).payload());
        // [14][2] V1: fail-behaviour, startup OPTIONAL, add-name, cpuid, memory, [0], [1], [2].
        String v1 = t("30", t("a0", NULL), integer(5), FALSE, integer(1), integer(16), t("a2", t("30", utf8("x"))));
        UnikernelArguments a1 = new UnikernelArguments(new FailBehaviour.Quit(), OptionalInt.of(5), false, List.of(1),
                16, List.of(), List.of(), Optional.of(List.of("x")), OptionalInt.of(1), Optional.empty());
        assertEquals(new UnikernelCmd.Restart(Optional.of(a1), UnikernelArguments.Format.V1),
                decodes(message(":u", command("a3", t("ae", t("a2", v1))))).payload());
        // [14][3] current, from the pre-signed restart certificate: restart hello --replace-arguments --mem=32.
        String current = t("30", t("a0", NULL), TRUE, t("31", integer(0)), integer(32), t("a3", integer(1)));
        UnikernelArguments a3 = new UnikernelArguments(new FailBehaviour.Quit(), OptionalInt.empty(), true, List.of(0),
                32, List.of(), List.of(), Optional.empty(), OptionalInt.of(1), Optional.empty());
        assertEquals(new UnikernelCmd.Restart(Optional.of(a3)),
                decodes(message(":u", command("a3", t("ae", t("a3", current))))).payload());
        // [14][0]: no arguments.
        assertEquals(new UnikernelCmd.Restart(Optional.empty()),
                decodes(message(":u", command("a3", t("ae", t("a0", NULL))))).payload());
        assertEquals(new UnikernelCmd.Restart(Optional.empty(), UnikernelArguments.Format.V0),
                new UnikernelCmd.Restart(Optional.empty()), "without arguments there is no format to remember");
    }

    @Test
    void decodesTheOldInfoCommandsAndBlockCommands() {
        assertEquals(new UnikernelCmd.OldInfo4(), decodes(message(":blk", command("a3", t("af", NULL)))).payload());
        assertEquals(new UnikernelCmd.OldInfo5(), decodes(message(":blk", command("a3", t("b2", NULL)))).payload());
        assertEquals(new UnikernelCmd.Get(9), decodes(message(":blk", command("a3", t("ab", integer(9))))).payload());
        assertEquals(new BlockCmd.OldAdd(5, true, Optional.of(Bytes.fromHex("78da"))),
                decodes(message(":d", command("a5", t("a3", t("30", integer(5), TRUE, "0402 78da"))))).payload());
        assertEquals(new BlockCmd.OldAdd(5, false, Optional.empty()),
                decodes(message(":d", command("a5", t("a3", t("30", integer(5), FALSE))))).payload());
        assertEquals(new BlockCmd.OldSet(false, Bytes.fromHex("00ff")),
                decodes(message(":d", command("a5", t("a4", t("30", FALSE, "0402 00ff"))))).payload());
        assertEquals(new BlockCmd.OldDump(0), decodes(message(":d", command("a5", t("a5", integer(0))))).payload());
        assertEquals(new BlockCmd.Set(false), decodes(message(":d", command("a5", t("a7", FALSE)))).payload());
    }

    @Test
    void readsAnyNonZeroBooleanButWritesFf() {
        Wire w = WireCodec.decode(HexFormat.of().parseHex(message(":d", command("a5", t("a7", "010101")))))
                .orElseThrow();
        assertEquals(new BlockCmd.Set(true), w.payload());
        assertTrue(HexFormat.of().formatHex(WireCodec.encode(w)).endsWith("0101ff"));
    }

    @Test
    void decodesOldInfoReplies() {
        String digest = "0402 abcd";
        String started = t("a3", "180f" + HexFormat.of().formatHex("20250822130443Z".getBytes(StandardCharsets.US_ASCII)));
        String bridges = t("a1", t("31", t("30", utf8("service"), utf8("br0"), MAC)));
        // InfoV4: typ, fail-behaviour, cpuid, memory, digest, [0], [1], [2], [3].
        String v4 = t("30", t("a0", NULL), t("a0", NULL), integer(1), integer(16), digest, bridges, started);
        // InfoV5: typ, startup OPTIONAL, fail-behaviour, cpuid, memory, digest, [0], [1], [2], [3].
        String v5 = t("30", t("a0", NULL), integer(20), t("a0", NULL), integer(1), integer(16), digest, bridges,
                started);
        Info expected4 = new Info(Typ.SOLO5, OptionalInt.empty(), new FailBehaviour.Quit(), List.of(1), 16,
                Bytes.fromHex("abcd"), List.of(),
                List.of(new Info.Bridge("service", "br0", Mac.parse("02:00:00:00:00:2a"))), Optional.empty(),
                Optional.of(Instant.parse("2025-08-22T13:04:43Z")), OptionalInt.empty(), Optional.empty());
        Wire r4 = decodes(message(":", t("a1", t("a9", t("30", t("30", utf8(":blk"), v4))))));
        assertEquals(new Success.OldUnikernelInfo4(List.of(new Success.InfoEntry(Name.parse(":blk"), expected4))),
                r4.payload());
        Info expected5 = new Info(Typ.SOLO5, OptionalInt.of(20), new FailBehaviour.Quit(), List.of(1), 16,
                Bytes.fromHex("abcd"), List.of(), expected4.bridges(), Optional.empty(), expected4.started(),
                OptionalInt.empty(), Optional.empty());
        Wire r5 = decodes(message(":", t("a1", t("ab", t("30", t("30", utf8(":blk"), v5))))));
        assertEquals(new Success.OldUnikernelInfo5(List.of(new Success.InfoEntry(Name.parse(":blk"), expected5))),
                r5.payload());
        assertEquals(new Success.OldBlockDeviceImage(true, Bytes.fromHex("78da")),
                decodes(message(":d", t("a1", t("a7", t("30", TRUE, "0402 78da"))))).payload());
    }

    @Test
    void oldInfoFormatsCannotCarrySeveralCpuids() {
        // Quirk 9 (spec §13.2): Albatross raises when encoding; the daemon must answer a Failure before that.
        Info two = new Info(Typ.SOLO5, OptionalInt.empty(), new FailBehaviour.Quit(), List.of(0, 1), 16,
                Bytes.EMPTY, List.of(), List.of(), Optional.empty(), Optional.empty(), OptionalInt.empty(),
                Optional.empty());
        Wire w = new Wire(Header.of(0, Name.ROOT),
                new Success.OldUnikernelInfo4(List.of(new Success.InfoEntry(Name.parse(":x"), two))));
        assertThrows(IllegalArgumentException.class, () -> WireCodec.encode(w));
        UnikernelConfig config = UnikernelConfig.builder().cpuids(List.of(0, 1)).build();
        assertThrows(IllegalArgumentException.class, () -> WireCodec.encode(new Wire(Header.of(0, Name.ROOT),
                new UnikernelCmd.Create(config, ConfigFormat.V4))));
        assertThrows(IllegalArgumentException.class, () -> new UnikernelCmd.Create(config, ConfigFormat.V2));
    }
}
