package dev.albatross.protocol.der;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable run of bytes: images, block data, digests and MAC addresses.
 *
 * <p>Records of the grammar never hold a {@code byte[]} (arrays compare by identity and are mutable). A
 * {@code Bytes} is a view on an array that nobody else writes: {@link #copyOf} copies what a caller hands in,
 * and the decoder {@linkplain #wrap wraps} a slice of the frame it owns, so a 64 MiB image is never copied
 * while it is decoded.
 */
public final class Bytes {
    /** The empty value. */
    public static final Bytes EMPTY = new Bytes(new byte[0], 0, 0);

    private final byte[] array;
    private final int offset;
    private final int length;
    private int hash;

    private Bytes(byte[] array, int offset, int length) {
        this.array = array;
        this.offset = offset;
        this.length = length;
    }

    /** A copy of {@code data}; later changes to the array do not show through. */
    public static Bytes copyOf(byte[] data) {
        return data.length == 0 ? EMPTY : new Bytes(data.clone(), 0, data.length);
    }

    /** A copy of {@code data[offset, offset + length)}. */
    public static Bytes copyOf(byte[] data, int offset, int length) {
        return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(data, offset, offset + length), 0, length);
    }

    /** The lowercase hexadecimal text {@code hex} as bytes. */
    public static Bytes fromHex(String hex) {
        byte[] data = HexFormat.of().parseHex(hex);
        return data.length == 0 ? EMPTY : new Bytes(data, 0, data.length);
    }

    /**
     * Takes ownership of {@code array[offset, offset + length)} without copying. Only for code that created the
     * array and never writes it again: the decoder (over a frame nobody else holds) and readers of files.
     */
    public static Bytes wrap(byte[] array, int offset, int length) {
        if (offset < 0 || length < 0 || offset > array.length - length) {
            throw new IndexOutOfBoundsException("slice " + offset + "+" + length + " of " + array.length);
        }
        return length == 0 ? EMPTY : new Bytes(array, offset, length);
    }

    /** Takes ownership of the whole {@code array}; see {@link #wrap(byte[], int, int)}. */
    public static Bytes wrap(byte[] array) {
        return wrap(array, 0, array.length);
    }

    public int length() {
        return length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    public byte byteAt(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return array[offset + index];
    }

    /** A view of {@code [from, from + count)} sharing this value's storage. */
    public Bytes slice(int from, int count) {
        if (from < 0 || count < 0 || from > length - count) {
            throw new IndexOutOfBoundsException("slice " + from + "+" + count + " of " + length);
        }
        return count == 0 ? EMPTY : new Bytes(array, offset + from, count);
    }

    /** A fresh array with the content. */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(array, offset, offset + length);
    }

    /** A read-only buffer over the content, without a copy. */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(array, offset, length).slice().asReadOnlyBuffer();
    }

    /** Copies the content into {@code target} at {@code position}. */
    public void copyTo(byte[] target, int position) {
        System.arraycopy(array, offset, target, position, length);
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(array, offset, length);
    }

    /** Feeds the content to {@code digest} without copying. */
    public void updateDigest(MessageDigest digest) {
        digest.update(array, offset, length);
    }

    /** SHA-256 of the content (the digest Albatross reports for a Solo5 image, spec §5.4). */
    public Bytes sha256() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            updateDigest(digest);
            return wrap(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    DerReader readerFor(String root) {
        return DerReader.over(array, offset, length, root);
    }

    /** Lowercase hexadecimal text of the content. */
    public String toHex() {
        return HexFormat.of().formatHex(array, offset, offset + length);
    }

    /** Unsigned lexicographic order, shorter prefix first: the order DER uses for SET OF. */
    public int compareTo(Bytes other) {
        return Arrays.compareUnsigned(array, offset, offset + length, other.array, other.offset,
                other.offset + other.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(array, offset, offset + length, other.array,
                other.offset, other.offset + other.length);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0 && length > 0) {
            h = 1;
            for (int i = offset; i < offset + length; i++) {
                h = 31 * h + array[i];
            }
            hash = h;
        }
        return h;
    }

    /** A summary, never the content: images may be megabytes and block data may be secret. */
    @Override
    public String toString() {
        return "<" + length + " bytes>";
    }
}
