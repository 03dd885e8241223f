package dev.albatross.protocol.wire;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.der.Decoded;
import dev.albatross.protocol.der.DerFault;
import dev.albatross.protocol.der.DerNode;
import dev.albatross.protocol.der.DerReader;
import dev.albatross.protocol.name.Name;

/**
 * Encodes and decodes wire messages (spec §5.1), byte-compatible with Albatross.
 *
 * <pre>
 * Wire ::= SEQUENCE { header Header, payload Payload }
 *
 *  30 len                                  Wire
 *     30 len 02 01 05                      Header: version 5
 *            04 08 &lt;8-byte sequence&gt;        sequence
 *            0c len &lt;name text&gt;             name, e.g. ":hello"
 *     a0|a1|a2|a3 len ...                  command | reply | failure | data
 * </pre>
 *
 * <p>Decoding is strict: only version 5 ("unknown version number 0x4" otherwise), minimal DER, no trailing
 * bytes, removed tags refused. It never throws on bad input: the result says what is wrong and where.
 * Decoding takes ownership of the input array: OCTET STRINGs (images, block data) are slices of it.
 */
public final class WireCodec {
    private WireCodec() {
    }

    /** The DER encoding of {@code wire}. */
    public static byte[] encode(Wire wire) {
        return node(wire).encode();
    }

    /** The encoding as one frame: 4-byte big-endian length, then the DER (spec §2.1), in one array. */
    public static byte[] encodeFramed(Wire wire) {
        return node(wire).encodeFramed();
    }

    /** The element tree of {@code wire}, for callers that write it elsewhere. */
    public static DerNode node(Wire wire) {
        return DerNode.sequence(header(wire.header()), payload(wire.payload()));
    }

    /** Decodes one message occupying the whole array, which the decoder then owns. */
    public static Decoded<Wire> decode(byte[] der) {
        return decode(DerReader.over(der, "Wire"));
    }

    /** Decodes one message occupying {@code der[offset, offset + length)}; the decoder owns the array. */
    public static Decoded<Wire> decode(byte[] der, int offset, int length) {
        return decode(DerReader.over(der, offset, length, "Wire"));
    }

    /** Decodes one message held in {@code der}. */
    public static Decoded<Wire> decode(Bytes der) {
        return decode(DerReader.over(der, "Wire"));
    }

    private static Decoded<Wire> decode(DerReader in) {
        try {
            in.enter(DerReader.SEQUENCE, "Wire");
            Header header = header(in);
            Payload payload = payload(in);
            in.leave();
            in.expectEnd();
            return Decoded.ok(new Wire(header, payload));
        } catch (DerFault fault) {
            return Decoded.failed(fault.error());
        }
    }

    /** Encodes a payload alone, e.g. for the header-less certificate extension's command. */
    static DerNode payload(Payload p) {
        return switch (p.payloadKind()) {
            case COMMAND -> DerNode.context(0, CommandCodec.node((Command) p));
            case REPLY -> DerNode.context(1, SuccessCodec.node((Success) p));
            case FAILURE -> DerNode.context(2, DerNode.utf8(((Failure) p).message()));
            case DATA -> DerNode.context(3, DataCodec.node((Data) p));
        };
    }

    private static Payload payload(DerReader in) {
        int tag = in.peekTag();
        Payload p;
        switch (tag) {
            case 0xA0 -> {
                in.enterContext(0, "command");
                p = CommandCodec.read(in);
            }
            case 0xA1 -> {
                in.enterContext(1, "reply");
                p = SuccessCodec.read(in);
            }
            case 0xA2 -> {
                in.enterContext(2, "failure");
                p = new Failure(in.utf8("UTF8String"));
            }
            case 0xA3 -> {
                in.enterContext(3, "data");
                p = DataCodec.read(in);
            }
            default -> throw in.fault("payload", "expected command [0], reply [1], failure [2] or data [3], found 0x"
                    + Integer.toHexString(tag));
        }
        in.leave();
        return p;
    }

    static DerNode header(Header h) {
        return DerNode.sequence(DerNode.integer(h.version()), DerNode.int64(h.sequence()), Primitives.name(h.name()));
    }

    private static Header header(DerReader in) {
        in.enter(DerReader.SEQUENCE, "header");
        long version = in.integer("version");
        if (version != Header.VERSION) {
            throw versionFault(in, version);
        }
        long sequence = in.int64("sequence");
        Name name = Primitives.name(in, "name");
        in.leave();
        return new Header((int) version, sequence, name);
    }

    /**
     * Albatross's wording ({@code "unknown version number 0x%X"}), so operators see the same message; at the
     * version just read.
     */
    static DerFault versionFault(DerReader in, long version) {
        return in.lastElementFault("unknown version number 0x"
                + Long.toHexString(version).toUpperCase(java.util.Locale.ROOT) + " (only 5 is supported)");
    }
}
