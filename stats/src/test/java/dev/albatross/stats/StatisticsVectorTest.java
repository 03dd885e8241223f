package dev.albatross.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.albatross.protocol.der.Decoded;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.Data;
import dev.albatross.protocol.wire.Header;
import dev.albatross.protocol.wire.KinfoMem;
import dev.albatross.protocol.wire.Rusage;
import dev.albatross.protocol.wire.Timeval;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.wire.WireCodec;
import dev.albatross.stats.netlink.LinkCounters;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The spec §12.2 statistics vector: our mapping's value encodes to its bytes, and the bytes decode to it. */
class StatisticsVectorTest {
    /** Spec §12.2, "Statistics data for :hello". */
    static final String VECTOR = ""
            + "30 82 01 bc 30 15 02 01 05 04 08 00 00 00 00 00 00 00 00 0c 06 3a 68 65 6c 6c 6f a3 82 01 a1"
            + "a1 82 01 9d 30 82 01 99 30 81 ae 30 0f 04 08 00 00 00 00 00 00 00 01 02 03 07 a1 20 30 0f 04"
            + "08 00 00 00 00 00 00 00 00 02 03 03 d0 90 04 08 00 00 00 00 00 00 00 64 04 08 00 00 00 00 00"
            + "00 00 00 04 08 00 00 00 00 00 00 00 00 04 08 00 00 00 00 00 00 00 00 04 08 00 00 00 00 00 00"
            + "00 0a 04 08 00 00 00 00 00 00 00 01 04 08 00 00 00 00 00 00 00 00 04 08 00 00 00 00 00 00 00"
            + "00 04 08 00 00 00 00 00 00 00 00 04 08 00 00 00 00 00 00 00 00 04 08 00 00 00 00 00 00 00 00"
            + "04 08 00 00 00 00 00 00 00 00 04 08 00 00 00 00 00 00 00 05 04 08 00 00 00 00 00 00 00 06 30"
            + "81 95 30 81 92 0c 07 73 65 72 76 69 63 65 02 02 10 43 02 01 00 02 01 00 02 01 00 02 02 05 dc"
            + "04 08 00 00 00 00 00 00 00 00 04 08 00 00 00 00 00 00 00 0a 04 08 00 00 00 00 00 00 00 00 04"
            + "08 00 00 00 00 00 00 00 14 04 08 00 00 00 00 00 00 00 00 04 08 00 00 00 00 00 00 00 00 04 08"
            + "00 00 00 00 00 00 03 e8 04 08 00 00 00 00 00 00 07 d0 04 08 00 00 00 00 00 00 00 00 04 08 00"
            + "00 00 00 00 00 00 00 04 08 00 00 00 00 00 00 00 00 04 08 00 00 00 00 00 00 00 00 a1 4e 04 08"
            + "00 00 00 00 00 00 03 e8 04 08 00 00 00 00 00 00 00 64 04 08 00 00 00 00 00 00 00 01 04 08 00"
            + "00 00 00 00 00 00 02 04 08 00 00 00 00 00 00 00 02 04 08 00 00 00 00 00 0b 71 b0 02 01 00 30"
            + "0d 04 08 00 00 00 00 65 53 f1 00 02 01 00";

    static byte[] bytes() {
        return HexFormat.of().parseHex(VECTOR.replace(" ", ""));
    }

    /** The §12.2 figures; the ifdata comes through our netlink mapping from what the kernel would report. */
    static Data.Statistics statistics() {
        LinkCounters tap = new LinkCounters(7, "vmmtap0", 0x1043, 1500, 10, 20, 1000, 2000, 0, 0, 0, 0, 0, 0);
        return new Data.Statistics(
                new Rusage(new Timeval(1, 500_000), new Timeval(0, 250_000), 100, 0, 0, 0, 10, 1, 0, 0, 0, 0, 0, 0, 5,
                        6),
                List.of(StatisticsMapping.ifData(tap, "service")), Optional.empty(),
                Optional.of(new KinfoMem(1000, 100, 1, 2, 2, 750_000, 0, new Timeval(1_700_000_000, 0))));
    }

    @Test
    void encodesToTheSpecBytes() {
        Wire wire = new Wire(Header.of(0, Name.parse(":hello")), statistics());
        assertArrayEquals(bytes(), WireCodec.encode(wire));
    }

    @Test
    void decodesFromTheSpecBytes() {
        Decoded<Wire> decoded = WireCodec.decode(bytes());
        Wire wire = decoded.fold(w -> w, e -> {
            throw new AssertionError(e.toString());
        });
        assertEquals(new Wire(Header.of(0, Name.parse(":hello")), statistics()), wire);
    }
}
