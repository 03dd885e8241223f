package dev.albatross.protocol.name;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A path and an optional label (spec §4): a unikernel or block device ({@code foo:bar}), or a path itself
 * ({@code foo:bar:}, and {@code :} for the root).
 *
 * <pre>
 *   path [] , no label        ":"
 *   path [] , label hello     ":hello"
 *   path [foo], label bar     "foo:bar"
 *   path [foo,bar], no label  "foo:bar:"
 * </pre>
 */
public record Name(Path path, Optional<Label> label) {
    public static final Name ROOT = new Name(Path.ROOT, Optional.empty());

    public Name {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(label, "label");
    }

    public static Name of(Path path, Label label) {
        return new Name(path, Optional.of(label));
    }

    /**
     * Parses the text form ({@code Name.of_string}): a trailing {@code :} makes the prefix a path with no
     * label; otherwise the last component is the label. A single leading empty component is dropped, so
     * {@code :foo} and {@code foo} are the same name. Fails with a message on anything else.
     */
    public static Name parse(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty name");
        }
        if (text.charAt(text.length() - 1) == ':') {
            String prefix = text.substring(0, text.length() - 1);
            return new Name(Path.parse(prefix), Optional.empty());
        }
        List<String> parts = Path.split(text);
        if (parts.get(0).isEmpty()) {
            parts = parts.subList(1, parts.size());
        }
        List<Label> labels = new ArrayList<>(parts.size());
        for (String part : parts) {
            labels.add(new Label(part));
        }
        Label last = labels.remove(labels.size() - 1);
        return new Name(new Path(labels), Optional.of(last));
    }

    /** Like {@link #parse} but empty instead of an exception. */
    public static Optional<Name> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // callers of this variant only need to know whether it parsed
        }
    }

    public boolean isPath() {
        return label.isEmpty();
    }

    /** The text form, e.g. {@code foo:bar} or {@code :hello}. */
    public String text() {
        String l = label.isPresent() ? label.get().value() : "";
        return path.isRoot() ? ":" + l : path.text() + ":" + l;
    }

    /** The labels of the path followed by the label, if any: the key of this name in a trie. */
    public List<Label> labels() {
        if (label.isEmpty()) {
            return path.labels();
        }
        List<Label> all = new ArrayList<>(path.labels());
        all.add(label.get());
        return all;
    }

    /** This name relative to {@code prefix} ({@code drop_prefix}); fails if the path does not start with it. */
    public Name dropPrefix(Path prefix) {
        return new Name(path.dropPrefix(prefix), label);
    }

    /**
     * The block device a unikernel at this name's path refers to as {@code device} (spec §4): the label is
     * the raw device string, not re-validated, so it is returned as text.
     */
    public String blockText(String device) {
        return (path.isRoot() ? ":" : path.text() + ":") + device;
    }

    /**
     * The MAC address Albatross derives for network interface {@code netif} of this unikernel: {@code 00:80:41}
     * then the first three bytes of MD5({@code netif ++ text()}), with no separator (spec §4; quirk 12: the
     * OCaml documentation's "." separator is wrong).
     */
    public Mac mac(String netif) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(dev.albatross.protocol.der.RawText.encode(netif));
            md5.update(text().getBytes(StandardCharsets.US_ASCII));
            byte[] d = md5.digest();
            return new Mac(new byte[] {0x00, (byte) 0x80, 0x41, d[0], d[1], d[2]});
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }

    @Override
    public String toString() {
        return text();
    }
}
