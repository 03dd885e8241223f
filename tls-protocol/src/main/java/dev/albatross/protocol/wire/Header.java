package dev.albatross.protocol.wire;

import dev.albatross.protocol.name.Name;
import java.util.Objects;

/**
 * The message header (spec §5.1):
 * <pre>
 * Header ::= SEQUENCE {
 *   version   INTEGER,       -- 5; decoding refuses anything else
 *   sequence  OCTET STRING,  -- 8 bytes, big-endian
 *   name      UTF8String }   -- the text form of a Name
 * </pre>
 */
public record Header(int version, long sequence, Name name) {
    /** The only wire version Albatross accepts since 2.6.0. */
    public static final int VERSION = 5;

    public Header {
        Objects.requireNonNull(name, "name");
    }

    /** A version-5 header. */
    public static Header of(long sequence, Name name) {
        return new Header(VERSION, sequence, name);
    }

    public Header withSequence(long newSequence) {
        return new Header(version, newSequence, name);
    }

    public Header withVersion(int newVersion) {
        return new Header(newVersion, sequence, name);
    }

    public Header withName(Name newName) {
        return new Header(version, sequence, newName);
    }
}
