package dev.albatross.protocol.wire;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes malformed variants of DER inputs for {@link DecoderFuzzTest}: byte-level damage (bit flips, replaced,
 * inserted and deleted bytes, truncation, fresh random bytes, length bytes overwritten in place) and
 * structure-aware damage on a parsed element tree, written back with consistent outer lengths so the decoder
 * reaches deep inside: inner lengths claiming gigabytes or other wrong sizes, duplicated, deleted, swapped
 * and shuffled elements, changed tags, elements spliced in from other inputs, replaced primitive contents.
 */
final class DerMutator {
    /** Tag bytes worth trying: every universal type the grammar uses, context tags [0]-[21], high-tag form. */
    private static final int[] TAGS = {0x01, 0x02, 0x04, 0x05, 0x0C, 0x18, 0x17, 0x30, 0x31, 0x1F, 0x3F, 0xA0,
        0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE, 0xAF, 0xB0, 0xB1, 0xB2,
        0xB3, 0xB4, 0xB5, 0xB6, 0xBF, 0x00, 0xFF};

    /** Single bytes that change meaning in DER: tags, length forms, sign bits. */
    private static final int[] BYTES = {0x00, 0x01, 0x02, 0x04, 0x05, 0x08, 0x0C, 0x18, 0x1F, 0x30, 0x31, 0x3A,
        0x7F, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x88, 0xA0, 0xA1, 0xA3, 0xB3, 0xB4, 0xBF, 0xC0, 0xFE, 0xFF};

    /** Length encodings to claim: gigabytes, indefinite, non-minimal, too many bytes, and off by a little. */
    private static final byte[][] CLAIMS = {
        hex("847fffffff"), hex("84ffffffff"), hex("8480000000"), hex("83ffffff"), hex("8301000000"),
        hex("82ffff"), hex("80"), hex("8100"), hex("8105"), hex("820005"), hex("8500000000ff"),
        hex("88ffffffffffffffff"), hex("ff"), hex("00"), hex("7f"), hex("817f"), hex("84000000ff")};

    private DerMutator() {
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }

    // ---- a lenient element tree --------------------------------------------------------------------------

    /** One element: its tag, the length bytes to write (null: the right ones), then children or content. */
    static final class Node {
        int tag;
        byte[] claimedLength;
        List<Node> children;
        byte[] content;

        Node copy() {
            Node n = new Node();
            n.tag = tag;
            n.claimedLength = claimedLength;
            n.content = content;
            if (children != null) {
                n.children = new ArrayList<>(children.size());
                for (Node c : children) {
                    n.children.add(c.copy());
                }
            }
            return n;
        }
    }

    /** The whole input as one element, or null if it is not (low-tag, definite-length) DER. */
    static Node parse(byte[] b) {
        int[] end = {0};
        Node n = parse(b, 0, b.length, end, 0);
        return n != null && end[0] == b.length ? n : null;
    }

    private static Node parse(byte[] b, int pos, int limit, int[] next, int depth) {
        if (pos + 2 > limit || depth > 40) {
            return null;
        }
        int tag = b[pos] & 0xFF;
        if ((tag & 0x1F) == 0x1F) {
            return null;
        }
        int first = b[pos + 1] & 0xFF;
        int at = pos + 2;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int count = first & 0x7F;
            if (count == 0 || count > 4 || at + count > limit) {
                return null;
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (b[at++] & 0xFF);
            }
        }
        if (length > limit - at) {
            return null;
        }
        int end = at + (int) length;
        Node node = new Node();
        node.tag = tag;
        if ((tag & 0x20) != 0) {
            List<Node> children = new ArrayList<>();
            int p = at;
            int[] childEnd = {0};
            while (p < end) {
                Node child = parse(b, p, end, childEnd, depth + 1);
                if (child == null) {
                    children = null;
                    break;
                }
                children.add(child);
                p = childEnd[0];
            }
            node.children = children;
        }
        if (node.children == null) {
            node.content = Arrays.copyOfRange(b, at, end);
        }
        next[0] = end;
        return node;
    }

    static byte[] write(Node n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(n, out);
        return out.toByteArray();
    }

    private static void write(Node n, ByteArrayOutputStream out) {
        byte[] content;
        if (n.children != null) {
            ByteArrayOutputStream inner = new ByteArrayOutputStream();
            for (Node c : n.children) {
                write(c, inner);
            }
            content = inner.toByteArray();
        } else {
            content = n.content;
        }
        out.write(n.tag);
        if (n.claimedLength != null) {
            out.writeBytes(n.claimedLength);
        } else if (content.length < 0x80) {
            out.write(content.length);
        } else {
            int bytes = content.length < 0x100 ? 1 : content.length < 0x10000 ? 2 : content.length < 0x1000000 ? 3 : 4;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(content.length >>> (8 * i));
            }
        }
        out.writeBytes(content);
    }

    private static void collect(Node n, List<Node> all) {
        all.add(n);
        if (n.children != null) {
            for (Node c : n.children) {
                collect(c, all);
            }
        }
    }

    // ---- mutations ---------------------------------------------------------------------------------------

    /** One to three stacked mutations of {@code input}; {@code donors} supply elements to splice in. */
    static byte[] mutate(byte[] input, List<byte[]> donors, SplittableRandom r) {
        byte[] b = input;
        int rounds = 1 + r.nextInt(3);
        for (int i = 0; i < rounds; i++) {
            b = mutateOnce(b, donors, r);
        }
        return b;
    }

    private static byte[] mutateOnce(byte[] b, List<byte[]> donors, SplittableRandom r) {
        int kind = r.nextInt(16);
        if (kind >= 8) {
            Node root = parse(b);
            if (root != null) {
                byte[] mutated = mutateTree(root, kind, donors, r);
                if (mutated != null) {
                    return mutated;
                }
            }
            kind = r.nextInt(8);
        }
        return switch (kind) {
            case 0 -> flipBits(b, r);
            case 1 -> replaceBytes(b, r);
            case 2 -> insertBytes(b, r);
            case 3 -> deleteBytes(b, r);
            case 4 -> Arrays.copyOf(b, b.length == 0 ? 0 : r.nextInt(b.length));
            case 5 -> overwriteLengthInPlace(b, r);
            case 6 -> randomBytes(r);
            default -> appendOrPrependGarbage(b, r);
        };
    }

    private static byte[] flipBits(byte[] b, SplittableRandom r) {
        if (b.length == 0) {
            return randomBytes(r);
        }
        byte[] out = b.clone();
        int flips = 1 + r.nextInt(4);
        for (int i = 0; i < flips; i++) {
            out[r.nextInt(out.length)] ^= (byte) (1 << r.nextInt(8));
        }
        return out;
    }

    private static byte[] replaceBytes(byte[] b, SplittableRandom r) {
        if (b.length == 0) {
            return randomBytes(r);
        }
        byte[] out = b.clone();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            out[r.nextInt(out.length)] = (byte) (r.nextBoolean() ? BYTES[r.nextInt(BYTES.length)] : r.nextInt(256));
        }
        return out;
    }

    private static byte[] insertBytes(byte[] b, SplittableRandom r) {
        int at = r.nextInt(b.length + 1);
        int n = 1 + r.nextInt(8);
        byte[] out = new byte[b.length + n];
        System.arraycopy(b, 0, out, 0, at);
        for (int i = 0; i < n; i++) {
            out[at + i] = (byte) (r.nextBoolean() ? BYTES[r.nextInt(BYTES.length)] : r.nextInt(256));
        }
        System.arraycopy(b, at, out, at + n, b.length - at);
        return out;
    }

    private static byte[] deleteBytes(byte[] b, SplittableRandom r) {
        if (b.length == 0) {
            return b;
        }
        int at = r.nextInt(b.length);
        int n = Math.min(1 + r.nextInt(8), b.length - at);
        byte[] out = new byte[b.length - n];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + n, out, at, b.length - at - n);
        return out;
    }

    /** Replaces the length bytes of some element header with a claim, leaving every other length as it was. */
    private static byte[] overwriteLengthInPlace(byte[] b, SplittableRandom r) {
        List<Integer> headers = new ArrayList<>();
        for (int i = 0; i + 1 < b.length; i++) {
            int tag = b[i] & 0xFF;
            if (tag == 0x30 || tag == 0x31 || (tag >= 0xA0 && tag <= 0xB6) || tag == 0x04 || tag == 0x0C
                    || tag == 0x02) {
                headers.add(i);
            }
        }
        if (headers.isEmpty()) {
            return flipBits(b, r);
        }
        int at = headers.get(r.nextInt(headers.size())) + 1;
        int first = b[at] & 0xFF;
        int old = first < 0x80 ? 1 : 1 + Math.min(first & 0x7F, b.length - at - 1);
        old = Math.min(old, b.length - at);
        byte[] claim = CLAIMS[r.nextInt(CLAIMS.length)];
        byte[] out = new byte[b.length - old + claim.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(claim, 0, out, at, claim.length);
        System.arraycopy(b, at + old, out, at + claim.length, b.length - at - old);
        return out;
    }

    static byte[] randomBytes(SplittableRandom r) {
        byte[] out = new byte[r.nextInt(65)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) r.nextInt(256);
        }
        if (out.length > 0 && r.nextBoolean()) {
            out[0] = (byte) TAGS[r.nextInt(TAGS.length)];
        }
        return out;
    }

    private static byte[] appendOrPrependGarbage(byte[] b, SplittableRandom r) {
        byte[] garbage = Arrays.copyOf(randomBytes(r), 1 + r.nextInt(4));
        byte[] out = new byte[b.length + garbage.length];
        if (r.nextBoolean()) {
            System.arraycopy(b, 0, out, 0, b.length);
            System.arraycopy(garbage, 0, out, b.length, garbage.length);
        } else {
            System.arraycopy(garbage, 0, out, 0, garbage.length);
            System.arraycopy(b, 0, out, garbage.length, b.length);
        }
        return out;
    }

    /** A structural mutation of {@code root} written back with correct outer lengths, or null if none applies. */
    private static byte[] mutateTree(Node root, int kind, List<byte[]> donors, SplittableRandom r) {
        List<Node> all = new ArrayList<>();
        collect(root, all);
        Node target = all.get(r.nextInt(all.size()));
        List<Node> constructed = all.stream().filter(n -> n.children != null && !n.children.isEmpty()).toList();
        Node parent = constructed.isEmpty() ? null : constructed.get(r.nextInt(constructed.size()));
        switch (kind) {
            case 8, 9 -> target.claimedLength = CLAIMS[r.nextInt(CLAIMS.length)];
            case 10 -> {
                if (parent == null) {
                    return null;
                }
                int i = r.nextInt(parent.children.size());
                int times = 1 + r.nextInt(r.nextInt(8) == 0 ? 200 : 3);
                for (int k = 0; k < times; k++) {
                    parent.children.add(i, parent.children.get(i).copy());
                }
            }
            case 11 -> {
                if (parent == null) {
                    return null;
                }
                parent.children.remove(r.nextInt(parent.children.size()));
            }
            case 12 -> {
                if (parent == null || parent.children.size() < 2) {
                    return null;
                }
                if (r.nextBoolean()) {
                    Collections.swap(parent.children, r.nextInt(parent.children.size()),
                            r.nextInt(parent.children.size()));
                } else {
                    Collections.shuffle(parent.children, new java.util.Random(r.nextLong()));
                }
            }
            case 13 -> target.tag = TAGS[r.nextInt(TAGS.length)];
            case 14 -> {
                Node donor = parse(donors.get(r.nextInt(donors.size())));
                if (donor == null) {
                    return null;
                }
                List<Node> parts = new ArrayList<>();
                collect(donor, parts);
                Node graft = parts.get(r.nextInt(parts.size()));
                if (parent == null) {
                    return write(graft);
                }
                parent.children.set(r.nextInt(parent.children.size()), graft);
            }
            default -> {
                if (target.children != null) {
                    target.children = null;
                }
                target.content = primitiveContent(r);
            }
        }
        return write(root);
    }

    /** Texts at the edges of what times and names accept. */
    private static final String[] TEXTS = {"20250822130443.1234Z", "00000101000000+0100", "99991231233000-0100",
        "20250822130443+1900", "20230229000000Z", "20230101000060Z", "2025082213", "bad_name!", ":", "a::b", "FOO:",
        "-x", "\u00e9", "foo:bar:"};

    /** Contents that stress primitive readers: long and non-minimal integers, edge texts, sizes 0-9. */
    private static byte[] primitiveContent(SplittableRandom r) {
        return switch (r.nextInt(7)) {
            case 0 -> new byte[0];
            case 1 -> hex("00ff");
            case 2 -> hex("ff80");
            case 3 -> hex("400000000000000000");
            case 4, 5 -> TEXTS[r.nextInt(TEXTS.length)].getBytes(java.nio.charset.StandardCharsets.UTF_8);
            default -> Arrays.copyOf(randomBytes(r), r.nextInt(10));
        };
    }
}
