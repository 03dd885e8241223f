package dev.albatross.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.albatross.protocol.der.DerReader;
import dev.albatross.protocol.gen.ForAll;
import dev.albatross.protocol.gen.Gen;
import dev.albatross.protocol.name.Name;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Round-trip properties over random values of every message type: for any generated {@code v},
 * {@code decode(encode(v)).equals(v)} and {@code encode(decode(encode(v)))} is {@code encode(v)} byte for byte.
 * {@link WireGen} generates only values their format can carry, with SET OF lists in encoding order.
 */
class WireRoundTripTest {

    /** One property per alternative of every sealed choice, so a failure names the alternative. */
    @TestFactory
    Iterable<DynamicTest> everyAlternativeRoundTripsInAWireMessage() {
        return WireGen.alternatives().entrySet().stream()
                .filter(e -> Payload.class.isAssignableFrom(e.getKey()))
                .map(e -> DynamicTest.dynamicTest(e.getKey().getName(), () -> {
                    Gen<?> payloads = e.getValue();
                    Gen<Wire> wires = r -> new Wire(WireGen.header().next(r), (Payload) payloads.next(r));
                    ForAll.check("round trip of " + e.getKey().getSimpleName(), 300, wires,
                            WireRoundTripTest::roundTrips);
                }))
                .toList();
    }

    @Test
    void anyWireMessageRoundTrips() {
        ForAll.check("wire round trip", 3000, WireGen.wire(), WireRoundTripTest::roundTrips);
    }

    @Test
    void createAndForceCreateRoundTripInEveryConfigurationFormat() {
        for (ConfigFormat format : new ConfigFormat[] {ConfigFormat.V3, ConfigFormat.V4, ConfigFormat.V5}) {
            Gen<Wire> creates = r -> new Wire(WireGen.header().next(r), r.nextBoolean()
                    ? new UnikernelCmd.Create(WireGen.config(format).next(r), format)
                    : new UnikernelCmd.ForceCreate(WireGen.config(format).next(r), format));
            ForAll.check("create " + format, 500, creates, w -> {
                roundTrips(w);
                int tag = UnikernelCmdCodec.node((UnikernelCmd) w.payload()).encode()[0] & 0xFF;
                boolean force = w.payload() instanceof UnikernelCmd.ForceCreate;
                int expected = switch (format) {
                    case V3 -> force ? 10 : 9;
                    case V4 -> force ? 17 : 16;
                    default -> force ? 21 : 20;
                };
                assertEquals(DerReader.context(expected), tag, "create tag");
            });
        }
    }

    @Test
    void restartRoundTripsWithoutArgumentsAndInEveryArgumentsFormat() {
        for (UnikernelArguments.Format format : UnikernelArguments.Format.values()) {
            Gen<Wire> restarts = r -> new Wire(WireGen.header().next(r),
                    new UnikernelCmd.Restart(Optional.of(WireGen.arguments(format).next(r)), format));
            ForAll.check("restart " + format, 500, restarts, WireRoundTripTest::roundTrips);
        }
        roundTrips(new Wire(Header.of(0, Name.parse(":x")),
                new UnikernelCmd.Restart(Optional.empty())));
    }

    @Test
    void failBehavioursRoundTrip() {
        ForAll.check("fail behaviour", 1000, WireGen.failBehaviour(), fb -> {
            byte[] der = UnikernelConfigCodec.failBehaviour(fb).encode();
            DerReader in = DerReader.over(der.clone(), "FailBehaviour");
            assertEquals(fb, UnikernelConfigCodec.failBehaviour(in));
            in.expectEnd();
        });
    }

    @Test
    void infoRoundTripsInItsThreeFormats() {
        for (InfoCodec.Format format : InfoCodec.Format.values()) {
            ForAll.check("info " + format, 500, WireGen.info(format), info -> {
                byte[] der = InfoCodec.node(info, format).encode();
                DerReader in = DerReader.over(der.clone(), "Info");
                Info back = InfoCodec.read(in, format);
                in.expectEnd();
                assertEquals(info, back);
                assertArrayEquals(der, InfoCodec.node(back, format).encode());
            });
        }
    }

    @Test
    void statisticsRoundTripWithAndWithoutVmmCountersAndKinfoMem() {
        Gen<?> statistics = WireGen.alternatives().get(Data.Statistics.class);
        for (boolean vmm : new boolean[] {false, true}) {
            for (boolean kinfo : new boolean[] {false, true}) {
                Gen<Wire> wires = r -> new Wire(WireGen.header().next(r),
                        ((Gen<Data.Statistics>) x -> (Data.Statistics) statistics.next(x))
                                .filter(s -> s.vmm().isPresent() == vmm && s.kinfoMem().isPresent() == kinfo)
                                .next(r));
                ForAll.check("statistics vmm=" + vmm + " kinfo=" + kinfo, 200, wires, WireRoundTripTest::roundTrips);
            }
        }
    }

    @Test
    void setOfListsComeBackInEncodingOrderNotUserOrder() {
        // Quirk 2 (spec §13.2): a longer SEQUENCE sorts after a shorter one, whatever order the user gave.
        UnikernelConfig config = UnikernelConfig.builder()
                .blocks(List.of(BlockDevice.of("storage-long-name"), BlockDevice.of("a")))
                .bridges(List.of(NetIf.of("service1"), NetIf.of("s"))).build();
        Wire w = new Wire(Header.of(0, Name.parse(":u")), new UnikernelCmd.Create(config));
        UnikernelConfig back = ((UnikernelCmd.Create) WireCodec.decode(WireCodec.encode(w)).orElseThrow().payload())
                .config();
        assertEquals(List.of(BlockDevice.of("a"), BlockDevice.of("storage-long-name")), back.blocks());
        assertEquals(List.of(NetIf.of("s"), NetIf.of("service1")), back.bridges());
    }

    static void roundTrips(Wire w) {
        byte[] der = WireCodec.encode(w);
        Wire back = WireCodec.decode(der.clone())
                .fold(Function.identity(), e -> {
                    throw new AssertionError("does not decode: " + e.message() + "\n  " + HexFormat.of().formatHex(der));
                });
        assertEquals(w, back);
        assertArrayEquals(der, WireCodec.encode(back), "re-encoding differs");
    }
}
