package dev.albatross.client.inspect;

/**
 * A glance at how DER input begins, to tell apart the things that all start with a SEQUENCE: a wire message
 * ({@code 30 → 30 → 02}: header, version), an extension value ({@code 30 → 02}: version), a certificate
 * ({@code 30 → 30 → a0}: TBSCertificate, [0] version) or a CSR ({@code 30 → 30 → 02 01 00}). It follows the
 * first element at each level and never fails: where the bytes stop making sense, the shape ends.
 */
final class DerShape {
    private final byte[] in;
    /** The offset of the first element at each nesting level, as far as it could be followed. */
    private final int[] starts;
    private final int levels;

    private DerShape(byte[] in, int[] starts, int levels) {
        this.in = in;
        this.starts = starts;
        this.levels = levels;
    }

    /** Follows first elements down to three levels in {@code in[offset, offset + length)}. */
    static DerShape of(byte[] in, int offset, int length) {
        int[] starts = new int[3];
        int levels = 0;
        int pos = offset;
        int end = offset + length;
        while (levels < starts.length && pos < end) {
            starts[levels++] = pos;
            int tag = in[pos] & 0xFF;
            if ((tag & 0x20) == 0 || pos + 1 >= end) {
                break; // primitive, or no length: nothing below
            }
            int first = in[pos + 1] & 0xFF;
            int contentStart = pos + 2;
            long contentLength = first;
            if (first > 0x80 && first <= 0x84) {
                contentStart += first & 0x7F;
                contentLength = 0;
                for (int i = pos + 2; i < contentStart && i < end; i++) {
                    contentLength = (contentLength << 8) | (in[i] & 0xFF);
                }
            } else if (first >= 0x80) {
                break; // indefinite or over-long: not Albatross DER
            }
            end = (int) Math.min(end, contentStart + contentLength);
            pos = contentStart;
        }
        return new DerShape(in, starts, levels);
    }

    static DerShape of(byte[] in) {
        return of(in, 0, in.length);
    }

    /** The tag at nesting level {@code level}, or -1. */
    private int tag(int level) {
        return level < levels ? in[starts[level]] & 0xFF : -1;
    }

    /** {@code SEQUENCE { SEQUENCE { INTEGER ...} ...}}: how a wire message (and a CSR) begins. */
    boolean wire() {
        return tag(0) == 0x30 && tag(1) == 0x30 && tag(2) == 0x02;
    }

    /** {@code SEQUENCE { INTEGER, ... }}: how an extension value begins. */
    boolean extension() {
        return tag(0) == 0x30 && tag(1) == 0x02;
    }

    /** {@code SEQUENCE { SEQUENCE { [0] ...} ...}}: a TBSCertificate with an explicit version. */
    boolean certificate() {
        return tag(0) == 0x30 && tag(1) == 0x30 && tag(2) == 0xA0;
    }

    /** {@code SEQUENCE { SEQUENCE { INTEGER 0, SEQUENCE ...} ...}}: a CertificationRequestInfo. */
    boolean request() {
        if (!wire()) {
            return false;
        }
        int at = starts[2];
        return at + 3 < in.length && in[at + 1] == 0x01 && in[at + 2] == 0x00 && in[at + 3] == 0x30;
    }
}
