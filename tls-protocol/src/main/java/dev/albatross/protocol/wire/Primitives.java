package dev.albatross.protocol.wire;

import dev.albatross.protocol.der.DerNode;
import dev.albatross.protocol.der.DerReader;
import dev.albatross.protocol.name.Name;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The small grammar pieces every section uses: names, INTEGER sets and lists, UTF8String lists. */
final class Primitives {
    private Primitives() {
    }

    /** {@code Name}: a UTF8String holding the text form (spec §5); an invalid name fails the whole message. */
    static DerNode name(Name name) {
        return DerNode.utf8(name.text());
    }

    static Name name(DerReader in, String field) {
        String text = in.utf8(field);
        try {
            return Name.parse(text);
        } catch (IllegalArgumentException e) {
            throw in.lastElementFault("invalid name: " + e.getMessage());
        }
    }

    /** SET OF INTEGER (CPU ids, exit codes): any wire order, held as a sorted set by the records. */
    static DerNode intSet(List<Integer> values) {
        List<DerNode> nodes = new ArrayList<>(values.size());
        for (int v : values) {
            nodes.add(DerNode.integer(v));
        }
        return DerNode.setOf(nodes);
    }

    static List<Integer> intSet(DerReader in, String field) {
        in.enter(DerReader.SET, field);
        List<Integer> values = new ArrayList<>();
        while (in.hasNextElement()) {
            values.add(in.intIn("element", Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
        in.leave();
        return values;
    }

    /** SEQUENCE OF INTEGER (policy CPU ids). */
    static DerNode intSequence(List<Integer> values) {
        List<DerNode> nodes = new ArrayList<>(values.size());
        for (int v : values) {
            nodes.add(DerNode.integer(v));
        }
        return DerNode.sequence(nodes);
    }

    static List<Integer> intSequence(DerReader in, String field) {
        in.enter(DerReader.SEQUENCE, field);
        List<Integer> values = new ArrayList<>();
        while (in.hasNextElement()) {
            values.add(in.intIn("element", Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
        in.leave();
        return values;
    }

    /** SEQUENCE OF UTF8String (arguments, bridges). */
    static DerNode utf8Sequence(List<String> values) {
        List<DerNode> nodes = new ArrayList<>(values.size());
        for (String v : values) {
            nodes.add(DerNode.utf8(v));
        }
        return DerNode.sequence(nodes);
    }

    static List<String> utf8Sequence(DerReader in, String field) {
        return utf8List(in, DerReader.SEQUENCE, field);
    }

    /** SET OF UTF8String (old configurations' block and bridge names). */
    static DerNode utf8Set(List<String> values) {
        List<DerNode> nodes = new ArrayList<>(values.size());
        for (String v : values) {
            nodes.add(DerNode.utf8(v));
        }
        return DerNode.setOf(nodes);
    }

    static List<String> utf8Set(DerReader in, String field) {
        return utf8List(in, DerReader.SET, field);
    }

    private static List<String> utf8List(DerReader in, int tag, String field) {
        in.enter(tag, field);
        List<String> values = new ArrayList<>();
        while (in.hasNextElement()) {
            values.add(in.utf8("element"));
        }
        in.leave();
        return values;
    }

    /** An INTEGER that must fit Java's {@code int}: sizes in MB, levels, counts we narrow. */
    static int int32Checked(DerReader in, String field) {
        return in.intIn(field, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** {@code [n] SEQUENCE OF UTF8String OPTIONAL}. */
    static Optional<List<String>> optionalArguments(DerReader in, int tag) {
        if (!in.peekContext(tag)) {
            return Optional.empty();
        }
        in.enterContext(tag, "arguments");
        List<String> args = utf8Sequence(in, "SEQUENCE");
        in.leave();
        return Optional.of(args);
    }

    static void addArguments(List<DerNode> fields, int tag, Optional<List<String>> arguments) {
        arguments.ifPresent(a -> fields.add(DerNode.context(tag, utf8Sequence(a))));
    }
}
