package dev.albatross.protocol.wire;

/** {@code Timeval ::= SEQUENCE { seconds OCTET STRING (8 bytes), microseconds INTEGER }} (spec §5.6). */
public record Timeval(long seconds, long microseconds) {
    public static final Timeval ZERO = new Timeval(0, 0);
}
