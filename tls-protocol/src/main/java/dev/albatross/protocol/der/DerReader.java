package dev.albatross.protocol.der;

import java.time.Instant;

/**
 * A strict DER reader over one buffer (spec §3): definite minimal lengths, minimal INTEGERs that fit
 * OCaml's 63-bit {@code int}, primitive strings only, no trailing bytes inside any element.
 *
 * <p>Input never decides an allocation: every length is checked against the bytes that remain before
 * anything is read, strings are at most as long as the input, and OCTET STRINGs are {@linkplain Bytes#wrap
 * slices} of the buffer. The reader therefore owns its buffer: nobody may write it afterwards.
 *
 * <p>Constructed elements are read with {@link #enter} ... {@link #leave}; the names given to {@code enter}
 * and to each read form the field path of a {@link DecodeError}. Its offset is the tag byte of the element that
 * is wrong: the one being read, the one just read ({@link #lastElementFault}), or the one only peeked at; for
 * trailing bytes, the first of them. The elements of a SET OF or SEQUENCE OF are counted through
 * {@link #hasNextElement}, which refuses more than {@link #MAX_LIST_ELEMENTS}.
 */
public final class DerReader {
    public static final int BOOLEAN = 0x01;
    public static final int INTEGER = 0x02;
    public static final int OCTET_STRING = 0x04;
    public static final int NULL = 0x05;
    public static final int UTF8_STRING = 0x0C;
    public static final int GENERALIZED_TIME = 0x18;
    public static final int SEQUENCE = 0x30;
    public static final int SET = 0x31;

    /**
     * Elements one SET OF or SEQUENCE OF may hold. Each element costs the decoder objects (a three-byte one-letter
     * name becomes a string, a label, a path and a name: about 100 bytes allocated per input byte), so without a
     * cap one 80 MiB frame of tiny elements could cost gigabytes. Real lists are far shorter: Solo5 allows 63
     * devices, a guest command line is under 8 KiB, and 65,536 unikernels in one info reply or state file is far
     * beyond any host.
     */
    public static final int MAX_LIST_ELEMENTS = 65_536;

    /** Nesting deeper than this is refused, so hostile input cannot exhaust the stack. */
    private static final int MAX_DEPTH = 64;

    private final byte[] buf;
    private int pos;
    private int limit;
    private int depth;
    private final int[] limits = new int[MAX_DEPTH];
    /** starts[i] is the tag offset of the open element at depth i + 1. */
    private final int[] starts = new int[MAX_DEPTH];
    /** fields[0] names the input, fields[1..depth] the open elements. */
    private final String[] fields = new String[MAX_DEPTH + 1];
    /** counts[d]: the elements {@link #hasNextElement} has counted in the open element at depth d. */
    private final int[] counts = new int[MAX_DEPTH + 1];
    /** The primitive (or element header) being read, or null. */
    private String current;
    /** The tag offset of the element being read. */
    private int start;
    /** The element read last (a primitive, or a constructed element left): its field and tag offset. */
    private String lastField;
    private int lastStart;

    private DerReader(byte[] buf, int offset, int length, String root) {
        if (offset < 0 || length < 0 || offset > buf.length - length) {
            throw new IndexOutOfBoundsException("slice " + offset + "+" + length + " of " + buf.length);
        }
        this.buf = buf;
        this.pos = offset;
        this.limit = offset + length;
        this.fields[0] = root;
    }

    /** A reader over {@code buf[offset, offset + length)}, taking ownership of the array. */
    public static DerReader over(byte[] buf, int offset, int length, String root) {
        return new DerReader(buf, offset, length, root);
    }

    /** A reader over the content of {@code bytes} (which is immutable, so nothing need be copied). */
    public static DerReader over(Bytes bytes, String root) {
        return bytes.readerFor(root);
    }

    /** A reader over the whole array, taking ownership of it. */
    public static DerReader over(byte[] buf, String root) {
        return new DerReader(buf, 0, buf.length, root);
    }

    /** Context-specific constructed tag {@code [n]}, e.g. {@code [20]} is {@code 0xB4}. */
    public static int context(int n) {
        if (n < 0 || n > 30) {
            throw new IllegalArgumentException("context tag " + n);
        }
        return 0xA0 | n;
    }

    /** The current position, for error offsets and for callers that slice raw encodings. */
    public int position() {
        return pos;
    }

    /** True if the current element (or the whole input) has no more bytes. Lists use {@link #hasNextElement}. */
    public boolean atEnd() {
        return pos >= limit;
    }

    /** The tag byte of the next element, or -1 at the end of the current element. */
    public int peekTag() {
        return pos < limit ? buf[pos] & 0xFF : -1;
    }

    /** True if the next element is {@code [n]}. */
    public boolean peekContext(int n) {
        return peekTag() == context(n);
    }

    /**
     * Reads the tag and length of a constructed element with tag {@code tag} and makes its contents the
     * current element; {@link #leave} must follow once they are read.
     */
    public void enter(int tag, String field) {
        begin(field);
        int length = header(tag);
        if (depth >= MAX_DEPTH) {
            throw elementFault("nesting deeper than " + MAX_DEPTH);
        }
        limits[depth] = limit;
        starts[depth++] = start;
        fields[depth] = field;
        counts[depth] = 0;
        current = null;
        limit = pos + length;
    }

    /** Enters the explicit tag {@code [n]}. */
    public void enterContext(int n, String field) {
        enter(context(n), field);
    }

    /** Ends the current element, which must have been read completely. */
    public void leave() {
        if (pos != limit) {
            throw fault("trailing bytes (" + (limit - pos) + ")");
        }
        lastField = fields[depth];
        fields[depth] = null;
        limit = limits[--depth];
        lastStart = starts[depth];
    }

    /**
     * True if the current SET OF or SEQUENCE OF has another element. Call it once per element, in place of
     * {@code !atEnd()}: it counts them and refuses the element after the {@link #MAX_LIST_ELEMENTS}th.
     */
    public boolean hasNextElement() {
        if (pos >= limit) {
            return false;
        }
        if (++counts[depth] > MAX_LIST_ELEMENTS) {
            current = null;
            throw fault("more than " + MAX_LIST_ELEMENTS + " elements");
        }
        return true;
    }

    /** Requires the input to be used up: a top-level value followed by anything else is an error. */
    public void expectEnd() {
        if (depth != 0) {
            throw new IllegalStateException("expectEnd inside an element");
        }
        if (pos != limit) {
            throw fault("trailing bytes (" + (limit - pos) + ")");
        }
    }

    /** An INTEGER that fits OCaml's 63-bit {@code int}. */
    public long integer(String field) {
        begin(field);
        int length = header(INTEGER);
        if (length == 0) {
            throw elementFault("empty INTEGER");
        }
        if (length > 8) {
            throw elementFault("INTEGER of " + length + " bytes does not fit 63 bits");
        }
        if (length > 1) {
            int b0 = buf[pos];
            int b1 = buf[pos + 1];
            if ((b0 == 0 && b1 >= 0) || (b0 == -1 && b1 < 0)) {
                throw elementFault("INTEGER is not minimally encoded");
            }
        }
        long value = buf[pos];
        for (int i = 1; i < length; i++) {
            value = (value << 8) | (buf[pos + i] & 0xFF);
        }
        if ((value << 1) >> 1 != value) {
            throw elementFault("INTEGER " + value + " does not fit 63 bits");
        }
        pos += length;
        end();
        return value;
    }

    /** An INTEGER that must lie in {@code [min, max]}: e.g. CPU ids and exit codes. */
    public int intIn(String field, int min, int max) {
        long value = integer(field);
        if (value < min || value > max) {
            throw lastElementFault("INTEGER " + value + " out of range [" + min + ", " + max + "]");
        }
        return (int) value;
    }

    /** An INTEGER narrowed to 32 bits with wrap-around, as OCaml's {@code Int32.of_int} does (spec §3.8). */
    public int int32(String field) {
        return (int) integer(field);
    }

    /** A 64-bit value carried as an OCTET STRING of exactly 8 bytes, big-endian (spec §3.7). */
    public long int64(String field) {
        begin(field);
        int length = header(OCTET_STRING);
        if (length != 8) {
            throw elementFault("64-bit value must be 8 bytes, not " + length);
        }
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (buf[pos + i] & 0xFF);
        }
        pos += 8;
        end();
        return value;
    }

    /** A BOOLEAN; any non-zero byte is true (spec §3.9). */
    public boolean bool(String field) {
        begin(field);
        int length = header(BOOLEAN);
        if (length != 1) {
            throw elementFault("BOOLEAN of " + length + " bytes");
        }
        boolean value = buf[pos++] != 0;
        end();
        return value;
    }

    /** A NULL. */
    public void nul(String field) {
        begin(field);
        int length = header(NULL);
        if (length != 0) {
            throw elementFault("NULL with " + length + " content bytes");
        }
        end();
    }

    /** A UTF8String, contents unvalidated (see {@link RawText}). */
    public String utf8(String field) {
        begin(field);
        int length = header(UTF8_STRING);
        String value = RawText.decode(buf, pos, length);
        pos += length;
        end();
        return value;
    }

    /** An OCTET STRING, as a slice of the input (no copy). */
    public Bytes octets(String field) {
        begin(field);
        int length = header(OCTET_STRING);
        Bytes value = Bytes.wrap(buf, pos, length);
        pos += length;
        end();
        return value;
    }

    /** A GeneralizedTime (see {@link GeneralizedTime} for the accepted forms). */
    public Instant time(String field) {
        begin(field);
        int length = header(GENERALIZED_TIME);
        Instant value = GeneralizedTime.parse(buf, pos, length);
        if (value == null) {
            throw elementFault("malformed GeneralizedTime");
        }
        // A zone offset can move a valid text outside 0000-9999 UTC (00000101000000+0100); OCaml's Ptime has
        // no such instant either, and our records and encoder refuse it.
        if (!GeneralizedTime.representable(value)) {
            throw elementFault("GeneralizedTime outside the years 0000-9999 UTC");
        }
        pos += length;
        end();
        return value;
    }

    /**
     * A fault at the current position about {@code field}: for an element only peeked at (an unknown tag), the
     * position is its tag. For a value already read, use {@link #lastElementFault}.
     */
    public DerFault fault(String field, String reason) {
        current = field;
        return faultAt(pos, reason);
    }

    /** A fault at the current position, naming the open elements. */
    public DerFault fault(String reason) {
        return faultAt(pos, reason);
    }

    /**
     * A fault about the element read last (a value just read, or the constructed element just left), at its tag
     * byte and named by the field it was read as: for content the caller refuses, such as a name that does not
     * parse.
     */
    public DerFault lastElementFault(String reason) {
        if (lastField == null) {
            throw new IllegalStateException("no element has been read");
        }
        current = lastField;
        return faultAt(lastStart, reason);
    }

    /** A fault about the element being read, at its tag byte. */
    private DerFault elementFault(String reason) {
        return faultAt(start, reason);
    }

    private DerFault faultAt(int offset, String reason) {
        StringBuilder path = new StringBuilder(fields[0]);
        // The top-level element is usually named like the input (the Wire SEQUENCE of input "Wire"): name it
        // once, so paths read "Wire.header.version" as DecodeError documents, not "Wire.Wire.header.version".
        for (int i = 1; i <= depth; i++) {
            if (i > 1 || !fields[1].equals(fields[0])) {
                path.append('.').append(fields[i]);
            }
        }
        if (current != null && (depth > 0 || !current.equals(fields[0]))) {
            path.append('.').append(current);
        }
        return new DerFault(new DecodeError(offset, path.toString(), reason));
    }

    /** Starts reading the element at the current position as {@code field}. */
    private void begin(String field) {
        current = field;
        start = pos;
    }

    /** Ends reading a primitive element, which becomes the last element read. */
    private void end() {
        lastField = current;
        lastStart = start;
        current = null;
    }

    /** Reads a tag that must be {@code expected} and a length that must fit what remains; returns the length. */
    private int header(int expected) {
        if (pos >= limit) {
            throw elementFault("missing (expected tag 0x" + Integer.toHexString(expected) + ")");
        }
        int tag = buf[pos] & 0xFF;
        if ((tag & 0x1F) == 0x1F) {
            throw elementFault("unsupported high tag number form 0x" + Integer.toHexString(tag));
        }
        if (tag != expected) {
            throw elementFault("expected tag 0x" + Integer.toHexString(expected) + ", found 0x"
                    + Integer.toHexString(tag));
        }
        int at = pos + 1;
        if (at >= limit) {
            throw elementFault("missing length");
        }
        int first = buf[at++] & 0xFF;
        long length;
        if (first < 0x80) {
            length = first;
        } else if (first == 0x80) {
            throw elementFault("indefinite length");
        } else {
            int count = first & 0x7F;
            if (count > 4) {
                throw elementFault("length of " + count + " bytes is too large");
            }
            if (at + count > limit) {
                throw elementFault("truncated length");
            }
            if (buf[at] == 0) {
                throw elementFault("length is not minimally encoded");
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (buf[at++] & 0xFF);
            }
            if (length < 0x80) {
                throw elementFault("length is not minimally encoded");
            }
        }
        if (length > limit - at) {
            throw elementFault("length " + length + " exceeds the " + (limit - at) + " bytes that remain");
        }
        pos = at;
        return (int) length;
    }
}
