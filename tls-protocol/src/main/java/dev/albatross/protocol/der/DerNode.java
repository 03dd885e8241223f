package dev.albatross.protocol.der;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One DER element ready to be written: codecs build a tree of these bottom-up, so every length is known when
 * its node is made, and {@link #encode} then writes the whole tree forward into one exactly-sized array. Bulk
 * content ({@link Bytes}) is referenced, not copied, until that single write: encoding a create command
 * copies its image once.
 *
 * <p>Spec §3: explicit tags are {@link #context}; SET OF is {@linkplain #setOf sorted by encoding}; 64-bit
 * values are {@linkplain #int64 8-byte OCTET STRINGs}; BOOLEAN true is {@code FF}.
 */
public final class DerNode {
    private static final DerNode[] NO_CHILDREN = new DerNode[0];
    private static final DerNode NULL = new DerNode(DerReader.NULL, new byte[0], null, NO_CHILDREN, 0);
    private static final DerNode TRUE = new DerNode(DerReader.BOOLEAN, new byte[] {(byte) 0xFF}, null, NO_CHILDREN, 1);
    private static final DerNode FALSE = new DerNode(DerReader.BOOLEAN, new byte[] {0}, null, NO_CHILDREN, 1);

    /** The tag byte, or -1 for a node whose {@link #small} holds a complete encoding (a sorted SET member). */
    private final int tag;
    private final byte[] small;
    private final Bytes bulk;
    private final DerNode[] children;
    private final int contentLength;
    private final int encodedLength;

    private DerNode(int tag, byte[] small, Bytes bulk, DerNode[] children, int contentLength) {
        this.tag = tag;
        this.small = small;
        this.bulk = bulk;
        this.children = children;
        this.contentLength = contentLength;
        this.encodedLength = tag < 0 ? contentLength : 1 + lengthOfLength(contentLength) + contentLength;
    }

    /** INTEGER, minimal two's complement. */
    public static DerNode integer(long value) {
        int n = 8;
        while (n > 1) {
            long top = value >> (8 * n - 9); // the 9 most significant bits of an n-byte encoding
            if (top != 0 && top != -1) {
                break;
            }
            n--;
        }
        byte[] content = new byte[n];
        for (int i = n - 1; i >= 0; i--) {
            content[i] = (byte) value;
            value >>= 8;
        }
        return new DerNode(DerReader.INTEGER, content, null, NO_CHILDREN, n);
    }

    /** A 64-bit value as an OCTET STRING of exactly 8 bytes, big-endian (spec §3.7). */
    public static DerNode int64(long value) {
        byte[] content = new byte[8];
        for (int i = 7; i >= 0; i--) {
            content[i] = (byte) value;
            value >>= 8;
        }
        return new DerNode(DerReader.OCTET_STRING, content, null, NO_CHILDREN, 8);
    }

    public static DerNode bool(boolean value) {
        return value ? TRUE : FALSE;
    }

    public static DerNode nul() {
        return NULL;
    }

    /** UTF8String; see {@link RawText} for how unvalidated bytes travel in a {@code String}. */
    public static DerNode utf8(String value) {
        byte[] content = RawText.encode(value);
        return new DerNode(DerReader.UTF8_STRING, content, null, NO_CHILDREN, content.length);
    }

    /** OCTET STRING referencing {@code value} (copied once, when the tree is written). */
    public static DerNode octets(Bytes value) {
        return new DerNode(DerReader.OCTET_STRING, null, value, NO_CHILDREN, value.length());
    }

    /** GeneralizedTime, {@code YYYYMMDDHHMMSS[.mmm]Z}. */
    public static DerNode time(Instant value) {
        byte[] content = GeneralizedTime.encode(value);
        return new DerNode(DerReader.GENERALIZED_TIME, content, null, NO_CHILDREN, content.length);
    }

    public static DerNode sequence(DerNode... elements) {
        return constructed(DerReader.SEQUENCE, elements.clone());
    }

    public static DerNode sequence(List<DerNode> elements) {
        return constructed(DerReader.SEQUENCE, elements.toArray(NO_CHILDREN));
    }

    /** SET OF: the members sorted by their encodings, bytewise, shorter prefix first (DER, spec §3.4). */
    public static DerNode setOf(List<DerNode> members) {
        DerNode[] encoded = new DerNode[members.size()];
        for (int i = 0; i < encoded.length; i++) {
            byte[] tlv = members.get(i).encode();
            encoded[i] = new DerNode(-1, tlv, null, NO_CHILDREN, tlv.length);
        }
        Arrays.sort(encoded, (a, b) -> Arrays.compareUnsigned(a.small, b.small));
        return constructed(DerReader.SET, encoded);
    }

    /** {@code [n] EXPLICIT inner}. */
    public static DerNode context(int n, DerNode inner) {
        return constructed(DerReader.context(n), new DerNode[] {inner});
    }

    /** {@code [n] IMPLICIT SEQUENCE}: the sequence's elements under the constructed context tag. */
    public static DerNode implicitSequence(int n, List<DerNode> elements) {
        return constructed(DerReader.context(n), elements.toArray(NO_CHILDREN));
    }

    private static DerNode constructed(int tag, DerNode[] children) {
        long length = 0;
        for (DerNode child : children) {
            length += child.encodedLength;
        }
        if (length > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("DER element of " + length + " bytes is too large");
        }
        return new DerNode(tag, null, null, children, (int) length);
    }

    /** Bytes this element takes when written: tag, length and content. */
    public int encodedLength() {
        return encodedLength;
    }

    /** The element's DER encoding. */
    public byte[] encode() {
        byte[] out = new byte[encodedLength];
        write(out, 0);
        return out;
    }

    /**
     * The encoding preceded by its 4-byte big-endian length, the frame of spec §2.1, in one array (so bulk
     * content is still copied only once).
     */
    public byte[] encodeFramed() {
        byte[] out = new byte[4 + encodedLength];
        out[0] = (byte) (encodedLength >>> 24);
        out[1] = (byte) (encodedLength >>> 16);
        out[2] = (byte) (encodedLength >>> 8);
        out[3] = (byte) encodedLength;
        write(out, 4);
        return out;
    }

    /** Writes the element at {@code position}; returns the position after it. */
    public int write(byte[] out, int position) {
        int at = position;
        if (tag < 0) {
            System.arraycopy(small, 0, out, at, small.length);
            return at + small.length;
        }
        out[at++] = (byte) tag;
        at = writeLength(out, at, contentLength);
        if (small != null) {
            System.arraycopy(small, 0, out, at, small.length);
            at += small.length;
        } else if (bulk != null) {
            bulk.copyTo(out, at);
            at += bulk.length();
        } else {
            for (DerNode child : children) {
                at = child.write(out, at);
            }
        }
        return at;
    }

    /** Bytes of the DER length field for {@code length} content bytes (1 to 5). */
    public static int lengthOfLength(int length) {
        if (length < 0x80) {
            return 1;
        } else if (length < 0x100) {
            return 2;
        } else if (length < 0x10000) {
            return 3;
        } else if (length < 0x1000000) {
            return 4;
        }
        return 5;
    }

    /** Writes the DER length field for {@code length} at {@code at}; returns the position after it. */
    public static int writeLength(byte[] out, int at, int length) {
        int n = lengthOfLength(length) - 1;
        if (n == 0) {
            out[at++] = (byte) length;
            return at;
        }
        out[at++] = (byte) (0x80 | n);
        for (int i = n - 1; i >= 0; i--) {
            out[at++] = (byte) (length >>> (8 * i));
        }
        return at;
    }
}
