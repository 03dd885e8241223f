package dev.albatross.protocol.wire;

/** {@code Typ ::= CHOICE { solo5 [0] NULL, bhyve [1] NULL }} (spec §5.3). */
public enum Typ {
    SOLO5, BHYVE
}
