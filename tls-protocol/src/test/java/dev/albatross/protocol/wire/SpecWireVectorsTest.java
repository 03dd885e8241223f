package dev.albatross.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.name.Name;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The wire vectors of spec §12: the upstream command vectors of §12.1 ({@code albatross-client console foo
 * --socket -} and {@code test_asn.ml}) and the derived messages of §12.2. Each decodes to the value the spec
 * describes, that value encodes to the spec's bytes, and the bytes re-encode identically. Where the spec
 * abbreviates the header with "…", {@link #header} writes it by hand from the grammar of §5.1.
 */
class SpecWireVectorsTest {

    /** {@code Header ::= SEQUENCE { version 5, sequence OCTET STRING(8), name UTF8String }}, written by hand. */
    static String header(long sequence, String name) {
        String content = "020105" + "0408" + String.format("%016x", sequence) + tlv("0c", ascii(name));
        return tlv("30", content);
    }

    /** {@code Wire ::= SEQUENCE { header, payload }}. */
    static String wire(String header, String payload) {
        return tlv("30", header + compact(payload));
    }

    private static String tlv(String tag, String content) {
        int length = content.length() / 2;
        if (length >= 0x80) {
            throw new IllegalArgumentException("short-form lengths only here");
        }
        return tag + String.format("%02x", length) + content;
    }

    private static String ascii(String s) {
        return HexFormat.of().formatHex(s.getBytes(StandardCharsets.US_ASCII));
    }

    static String compact(String spaced) {
        return spaced.replaceAll("\\s+", "");
    }

    static final String CONSOLE_FOO = compact("""
            30 20 30 13 02 01 05 04 08 00 00 00 00 00 00 00 00 0c 04 3a 66 6f 6f
            a0 09 a0 07 a2 05 a1 03 02 01 14""");

    static final String STATISTICS = compact("""
            30 82 01 bc 30 15 02 01 05 04 08 00 00 00 00 00 00 00 00 0c 06 3a 68 65 6c 6c 6f a3 82 01 a1
            a1 82 01 9d 30 82 01 99 30 81 ae 30 0f 04 08 00 00 00 00 00 00 00 01 02 03 07 a1 20 30 0f 04
            08 00 00 00 00 00 00 00 00 02 03 03 d0 90 04 08 00 00 00 00 00 00 00 64 04 08 00 00 00 00 00
            00 00 00 04 08 00 00 00 00 00 00 00 00 04 08 00 00 00 00 00 00 00 00 04 08 00 00 00 00 00 00
            00 0a 04 08 00 00 00 00 00 00 00 01 04 08 00 00 00 00 00 00 00 00 04 08 00 00 00 00 00 00 00
            00 04 08 00 00 00 00 00 00 00 00 04 08 00 00 00 00 00 00 00 00 04 08 00 00 00 00 00 00 00 00
            04 08 00 00 00 00 00 00 00 00 04 08 00 00 00 00 00 00 00 05 04 08 00 00 00 00 00 00 00 06 30
            81 95 30 81 92 0c 07 73 65 72 76 69 63 65 02 02 10 43 02 01 00 02 01 00 02 01 00 02 02 05 dc
            04 08 00 00 00 00 00 00 00 00 04 08 00 00 00 00 00 00 00 0a 04 08 00 00 00 00 00 00 00 00 04
            08 00 00 00 00 00 00 00 14 04 08 00 00 00 00 00 00 00 00 04 08 00 00 00 00 00 00 00 00 04 08
            00 00 00 00 00 00 03 e8 04 08 00 00 00 00 00 00 07 d0 04 08 00 00 00 00 00 00 00 00 04 08 00
            00 00 00 00 00 00 00 04 08 00 00 00 00 00 00 00 00 04 08 00 00 00 00 00 00 00 00 a1 4e 04 08
            00 00 00 00 00 00 03 e8 04 08 00 00 00 00 00 00 00 64 04 08 00 00 00 00 00 00 00 01 04 08 00
            00 00 00 00 00 00 02 04 08 00 00 00 00 00 00 00 02 04 08 00 00 00 00 00 0b 71 b0 02 01 00 30
            0d 04 08 00 00 00 00 65 53 f1 00 02 01 00""");

    /** Every vector with the value the spec says it is. */
    static Stream<Arguments> vectors() {
        Name foo = Name.parse(":foo");
        Name hello = Name.parse(":hello");
        Name disk = Name.parse(":disk");
        UnikernelConfig helloConfig = UnikernelConfig.builder().typ(Typ.SOLO5).compressed(false).image(Bytes.EMPTY)
                .addName(true).failBehaviour(FailBehaviour.Restart.onAnyExit()).cpuids(List.of(0)).memoryMb(32)
                .bridges(List.of(NetIf.of("service"))).cpus(OptionalInt.of(1)).build();
        return Stream.of(
                // §12.1, upstream: albatross-client console foo --socket -
                Arguments.of("console subscribe count 20, :foo", CONSOLE_FOO,
                        new Wire(Header.of(0, foo), new ConsoleCmd.SubscribeCount(20))),
                Arguments.of("console subscribe count 20, :foo.bar", compact("""
                        30 24 30 17 02 01 05 04 08 00 00 00 00 00 00 00 00 0c 08 3a 66 6f 6f 2e 62 61 72 a0 09 a0
                        07 a2 05 a1 03 02 01 14"""),
                        new Wire(Header.of(0, Name.parse(":foo.bar")), new ConsoleCmd.SubscribeCount(20))),
                // §12.1, test_asn.ml
                Arguments.of("failure \"test\", :", compact("""
                        30 1a 30 10 02 01 05 04 08 00 00 00 00 00 00 00 00 0c 01 3a a2 06 0c 04 74 65 73 74"""),
                        new Wire(Header.of(0, Name.ROOT), new Failure("test"))),
                // §12.2
                Arguments.of("success string \"created unikernel\", :hello", compact("""
                        30 2e 30 15 02 01 05 04 08 00 00 00 00 00 00 00 00 0c 06 3a 68 65 6c 6c 6f
                        a1 15 a1 13 0c 11 63 72 65 61 74 65 64 20 75 6e 69 6b 65 72 6e 65 6c"""),
                        new Wire(Header.of(0, hello), new Success.Message("created unikernel"))),
                Arguments.of("success empty, :", compact("""
                        30 18 30 10 02 01 05 04 08 00 00 00 00 00 00 00 00 0c 01 3a a1 04 a0 02 05 00"""),
                        new Wire(Header.of(0, Name.ROOT), new Success.Empty())),
                Arguments.of("console data, :foo", compact("""
                        30 37 30 13 02 01 05 04 08 00 00 00 00 00 00 00 00 0c 04 3a 66 6f 6f a3 20 a3 1e 30 1c
                        18 13 32 30 32 35 30 38 32 32 31 33 30 34 34 33 2e 31 32 33 5a 0c 05 68 65 6c 6c 6f"""),
                        new Wire(Header.of(0, foo),
                                new Data.Console(Instant.parse("2025-08-22T13:04:43.123Z"), "hello"))),
                Arguments.of("block data \"abc\", :disk", wire(header(0, ":disk"), "a3 09 a4 07 a0 05 04 03 61 62 63"),
                        new Wire(Header.of(0, disk), new Data.BlockData(Optional.of(Bytes.fromHex("616263"))))),
                Arguments.of("block data none, :disk", wire(header(0, ":disk"), "a3 06 a4 04 a1 02 05 00"),
                        new Wire(Header.of(0, disk), Data.BlockData.end())),
                Arguments.of("unikernel create, :hello", compact("""
                        30 4b 30 15 02 01 05 04 08 00 00 00 00 00 00 00 00 0c 06 3a 68 65 6c 6c 6f
                        a0 32 a3 30 b4 2e 30 2c a0 02 05 00 01 01 00 04 00 01 01 ff a1 02 31 00 31 03 02 01 00
                        02 01 20 a1 0d 31 0b 30 09 0c 07 73 65 72 76 69 63 65 a3 03 02 01 01"""),
                        new Wire(Header.of(0, hello), new UnikernelCmd.Create(helloConfig))),
                Arguments.of("unikernel destroy, :hello", wire(header(0, ":hello"), "a0 06 a3 04 a3 02 05 00"),
                        new Wire(Header.of(0, hello), new UnikernelCmd.Destroy())),
                Arguments.of("unikernel info, :", wire(header(0, ":"), "a0 06 a3 04 b3 02 05 00"),
                        new Wire(Header.of(0, Name.ROOT), new UnikernelCmd.Info())),
                Arguments.of("policy add, user:", compact("""
                        30 34 30 14 02 01 05 04 08 00 00 00 00 00 00 00 00 0c 05 75 73 65 72 3a
                        a0 1c a4 1a a1 18 30 16 30 06 02 01 00 02 01 01 02 01 10 02 02 04 00 30 05 0c 03 62 72 30"""),
                        new Wire(Header.of(0, Name.parse("user:")), new PolicyCmd.Add(
                                new Policy(16, List.of(0, 1), 1024, OptionalInt.empty(), List.of("br0"))))),
                Arguments.of("block add 10 MB, :disk", wire(header(0, ":disk"), "a0 07 a5 05 a1 03 02 01 0a"),
                        new Wire(Header.of(0, disk), new BlockCmd.Add(10))),
                Arguments.of("block dump level 0, :disk", wire(header(0, ":disk"), "a0 07 a5 05 a6 03 02 01 00"),
                        new Wire(Header.of(0, disk), new BlockCmd.Dump(0))),
                Arguments.of("block set compressed, :disk", wire(header(0, ":disk"), "a0 07 a5 05 a7 03 01 01 ff"),
                        new Wire(Header.of(0, disk), new BlockCmd.Set(true))),
                Arguments.of("console subscribe since 2023-03-12T23:42:15Z, :foo", wire(header(0, ":foo"), """
                        a0 17 a0 15 a2 13 a0 11 18 0f 32 30 32 33 30 33 31 32 32 33 34 32 31 35 5a"""),
                        new Wire(Header.of(0, foo),
                                new ConsoleCmd.SubscribeSince(Instant.parse("2023-03-12T23:42:15Z")))),
                Arguments.of("console add 5, :foo, seq 1", compact("""
                        30 1e 30 13 02 01 05 04 08 00 00 00 00 00 00 00 01 0c 04 3a 66 6f 6f a0 07 a0 05 a0 03 02
                        01 05"""),
                        new Wire(Header.of(1, foo), new ConsoleCmd.Add(5))),
                Arguments.of("stats initial, :", wire(header(0, ":"), "a0 06 a1 04 a3 02 05 00"),
                        new Wire(Header.of(0, Name.ROOT), new StatsCmd.Initial())),
                Arguments.of("stats add, :hello, seq 2", wire(header(2, ":hello"), """
                        a0 22 a1 20 a0 1e 30 1c 0c 00 02 02 04 d2 30 14 30 12 0c 07 73 65 72 76 69 63 65
                        0c 07 76 6d 6d 74 61 70 30"""),
                        new Wire(Header.of(2, hello), new StatsCmd.Add("", 1234,
                                List.of(new StatsCmd.Interface("service", "vmmtap0"))))),
                Arguments.of("statistics, :hello", STATISTICS, new Wire(Header.of(0, hello), statistics())));
    }

    /** The statistics sample of §12.2: Linux style, kinfo-mem present, no vmm counters, one interface. */
    static Data.Statistics statistics() {
        Rusage rusage = new Rusage(new Timeval(1, 500_000), new Timeval(0, 250_000), 100, 0, 0, 0, 10, 1, 0, 0, 0,
                0, 0, 0, 5, 6);
        IfData service = new IfData("service", 0x1043, 0, 0, 0, 1500, 0, 10, 0, 20, 0, 0, 1000, 2000, 0, 0, 0, 0);
        KinfoMem kinfo = new KinfoMem(1000, 100, 1, 2, 2, 750_000, 0, new Timeval(1_700_000_000L, 0));
        return new Data.Statistics(rusage, List.of(service), Optional.empty(), Optional.of(kinfo));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decodesToTheSpecsValueAndEncodesToTheSpecsBytes(String what, String hex, Wire expected) {
        byte[] der = HexFormat.of().parseHex(hex);
        Wire decoded = WireCodec.decode(der.clone()).fold(w -> w, e -> {
            throw new AssertionError(what + ": " + e.message());
        });
        assertEquals(expected, decoded, what);
        assertEquals(hex, HexFormat.of().formatHex(WireCodec.encode(expected)), what + ": encoding the value");
        assertEquals(hex, HexFormat.of().formatHex(WireCodec.encode(decoded)), what + ": re-encoding");
    }

    @Test
    void theStatisticsVectorHasTheSpecsStructure() {
        byte[] der = HexFormat.of().parseHex(STATISTICS);
        assertEquals(0x1bc + 4, der.length);
        Data.Statistics s = (Data.Statistics) WireCodec.decode(der).orElseThrow().payload();
        assertEquals(1_500_000, s.rusage().utime().seconds() * 1_000_000 + s.rusage().utime().microseconds());
        assertEquals("service", s.ifdata().get(0).bridge());
        assertEquals(1500, s.ifdata().get(0).mtu());
        assertEquals(750_000, s.kinfoMem().orElseThrow().runtime());
        assertEquals(0xA1, der[0x1bc + 4 - 0x50] & 0xFF, "kinfo-mem is [1] IMPLICIT: a1 4e");
        assertEquals(0x4E, der[0x1bc + 4 - 0x4F] & 0xFF);
    }

    @Test
    void framesTheConsoleSubscribeVectorWithItsLength() {
        Wire w = WireCodec.decode(HexFormat.of().parseHex(CONSOLE_FOO)).orElseThrow();
        assertEquals("00000022" + CONSOLE_FOO, HexFormat.of().formatHex(WireCodec.encodeFramed(w)));
    }

    @Test
    void theHandWrittenHeadersMatchTheSpecsFullVectors() {
        assertEquals(compact("30 13 02 01 05 04 08 00 00 00 00 00 00 00 00 0c 04 3a 66 6f 6f"), header(0, ":foo"));
        assertEquals(compact("30 13 02 01 05 04 08 00 00 00 00 00 00 00 01 0c 04 3a 66 6f 6f"), header(1, ":foo"));
        assertEquals(CONSOLE_FOO, wire(header(0, ":foo"), "a0 09 a0 07 a2 05 a1 03 02 01 14"));
    }
}
