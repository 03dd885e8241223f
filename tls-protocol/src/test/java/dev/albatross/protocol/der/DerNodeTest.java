package dev.albatross.protocol.der;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.albatross.protocol.gen.ForAll;
import dev.albatross.protocol.gen.Gen;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The encoder side of spec §3: minimal INTEGERs, SET OF order, long-form lengths, framing. */
class DerNodeTest {
    private static final long OCAML_MAX_INT = (1L << 62) - 1;
    private static final long OCAML_MIN_INT = -(1L << 62);

    private static String hex(DerNode node) {
        return HexFormat.of().formatHex(node.encode());
    }

    private static String hex(String spaced) {
        return spaced.replace(" ", "");
    }

    @ParameterizedTest
    @CsvSource({
        "0, 02 01 00", "1, 02 01 01", "127, 02 01 7f", "128, 02 02 00 80", "255, 02 02 00 ff", "256, 02 02 01 00",
        "32767, 02 02 7f ff", "32768, 02 03 00 80 00", "-1, 02 01 ff", "-128, 02 01 80", "-129, 02 02 ff 7f",
        "-32768, 02 02 80 00", "-32769, 02 03 ff 7f ff", "1234, 02 02 04 d2",
        "4611686018427387903, 02 08 3f ff ff ff ff ff ff ff", // max_int (spec §3.6)
        "-4611686018427387904, 02 08 c0 00 00 00 00 00 00 00",
        "9223372036854775807, 02 08 7f ff ff ff ff ff ff ff",
        "-9223372036854775808, 02 08 80 00 00 00 00 00 00 00"})
    void encodesIntegersInMinimalTwosComplement(long value, String expected) {
        assertEquals(hex(expected), hex(DerNode.integer(value)));
    }

    @Test
    void integersAgreeWithBouncyCastleAndReadBack() {
        ForAll.check("INTEGER encoding", 20_000, Gen.longs(OCAML_MIN_INT, OCAML_MAX_INT), v -> {
            byte[] ours = DerNode.integer(v).encode();
            assertArrayEquals(der(new ASN1Integer(v)), ours, "BouncyCastle encodes " + v + " differently");
            assertArrayEquals(BigInteger.valueOf(v).toByteArray(), java.util.Arrays.copyOfRange(ours, 2, ours.length));
            DerReader in = DerReader.over(ours, "n");
            assertEquals(v, in.integer("n"));
            in.expectEnd();
        });
    }

    @Test
    void encodesTheFixedFormPrimitives() {
        assertEquals("0408fffffffffffffffe", hex(DerNode.int64(-2)));
        assertEquals("04080000000000000000", hex(DerNode.int64(0)));
        assertEquals("0101ff", hex(DerNode.bool(true)));
        assertEquals("010100", hex(DerNode.bool(false)));
        assertEquals("0500", hex(DerNode.nul()));
        assertEquals("0c03ff6162", hex(DerNode.utf8("\uDCFFab")), "escaped bytes are written as themselves");
        assertEquals("0c02c3a9", hex(DerNode.utf8("\u00e9")));
        assertEquals("0403000102", hex(DerNode.octets(Bytes.fromHex("000102"))));
        assertEquals("0400", hex(DerNode.octets(Bytes.EMPTY)));
        assertEquals(hex("18 13 32 30 32 35 30 38 32 32 31 33 30 34 34 33 2e 31 32 33 5a"),
                hex(DerNode.time(Instant.parse("2025-08-22T13:04:43.123Z"))));
    }

    @Test
    void encodesExplicitAndImplicitContextTags() {
        assertEquals("b4020500", hex(DerNode.context(20, DerNode.nul())));
        assertEquals("a10602010102010a", hex(DerNode.implicitSequence(1, List.of(DerNode.integer(1),
                DerNode.integer(10)))));
        assertThrows(IllegalArgumentException.class, () -> DerNode.context(31, DerNode.nul()));
    }

    @Test
    void sortsSetOfMembersByTheirEncodingsUnsigned() {
        // 1 (02 01 01) < -1 (02 01 ff) < 128 (02 02 00 80): bytewise and unsigned, not numeric.
        DerNode set = DerNode.setOf(List.of(DerNode.integer(128), DerNode.integer(-1), DerNode.integer(1)));
        assertEquals(hex("31 0a 02 01 01 02 01 ff 02 02 00 80"), hex(set));
        // Shorter SEQUENCE first (its length byte is smaller), whatever the content: quirk 2 of spec §13.2.
        DerNode longer = DerNode.sequence(DerNode.utf8("aaaa"));
        DerNode shorter = DerNode.sequence(DerNode.utf8("zz"));
        assertEquals(hex("31 0e 30 04 0c 02 7a 7a 30 06 0c 04 61 61 61 61"),
                hex(DerNode.setOf(List.of(longer, shorter))));
        // A 127-byte member (30 7f) sorts before a 128-byte one (30 81 80): 0x7f < 0x81 unsigned.
        DerNode m127 = DerNode.sequence(DerNode.octets(Bytes.copyOf(new byte[125])));
        DerNode m128 = DerNode.sequence(DerNode.octets(Bytes.copyOf(new byte[126])));
        byte[] sorted = DerNode.setOf(List.of(m128, m127)).encode();
        assertEquals("31820104307f", HexFormat.of().formatHex(sorted, 0, 6), "the 127-byte member comes first");
        // Equal members are kept (a SET OF is a multiset on the wire).
        assertEquals("3106050005000500", hex(DerNode.setOf(List.of(DerNode.nul(), DerNode.nul(),
                DerNode.nul()))));
        assertEquals("3100", hex(DerNode.setOf(List.of())));
    }

    @Test
    void setOfOrderAgreesWithBouncyCastlesDerSet() {
        Gen<List<Long>> members = Gen.longs(OCAML_MIN_INT, OCAML_MAX_INT).list(0, 8);
        ForAll.check("SET OF order", 5000, members, values -> {
            List<DerNode> ours = new ArrayList<>();
            ASN1Encodable[] theirs = new ASN1Encodable[values.size()];
            for (int i = 0; i < values.size(); i++) {
                ours.add(DerNode.integer(values.get(i)));
                theirs[i] = i % 2 == 0 ? new ASN1Integer(values.get(i))
                        : new DERSequence(new DEROctetString(BigInteger.valueOf(values.get(i)).toByteArray()));
                if (i % 2 == 1) {
                    ours.set(i, DerNode.sequence(DerNode.octets(
                            Bytes.copyOf(BigInteger.valueOf(values.get(i)).toByteArray()))));
                }
            }
            assertArrayEquals(der(new DERSet(theirs)), DerNode.setOf(ours).encode());
        });
    }

    @ParameterizedTest
    @CsvSource({"0, 0400", "127, 047f", "128, 048180", "255, 0481ff", "256, 04820100", "65535, 0482ffff",
        "65536, 0483010000", "16777215, 0483ffffff", "16777216, 048401000000"})
    void writesMinimalLongFormLengths(int length, String header) {
        DerNode node = DerNode.octets(Bytes.wrap(new byte[length]));
        byte[] der = node.encode();
        assertEquals(header, HexFormat.of().formatHex(der, 0, header.length() / 2));
        assertEquals(header.length() / 2 + length, node.encodedLength());
        assertEquals(der.length, node.encodedLength());
        DerReader in = DerReader.over(der, "os");
        assertEquals(length, in.octets("os").length());
        in.expectEnd();
    }

    @Test
    void framesWithAFourByteBigEndianLengthPrefix() {
        DerNode node = DerNode.sequence(DerNode.octets(Bytes.wrap(new byte[300])));
        byte[] framed = node.encodeFramed();
        assertEquals("00000134", HexFormat.of().formatHex(framed, 0, 4), "308 bytes: 30 82 01 30, 04 82 01 2c, 300");
        assertArrayEquals(node.encode(), java.util.Arrays.copyOfRange(framed, 4, framed.length));
        assertEquals("0000000230" + "00", HexFormat.of().formatHex(DerNode.sequence().encodeFramed()));
    }

    @Test
    void writesIntoACallersArrayAtAPosition() {
        byte[] out = new byte[6];
        assertEquals(5, DerNode.bool(true).write(out, 2));
        assertEquals("00000101ff00", HexFormat.of().formatHex(out));
    }

    private static byte[] der(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
