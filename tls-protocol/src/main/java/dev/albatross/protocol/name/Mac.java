package dev.albatross.protocol.name;

import java.util.HexFormat;
import java.util.Objects;

/** A 6-byte Ethernet address, printed lowercase and colon-separated ({@code 00:80:41:18:71:d6}). */
public final class Mac {
    private final byte[] octets;

    public Mac(byte[] octets) {
        Objects.requireNonNull(octets, "octets");
        if (octets.length != 6) {
            throw new IllegalArgumentException("bad mac address: " + octets.length + " bytes, not 6");
        }
        this.octets = octets.clone();
    }

    /** Parses {@code aa:bb:cc:dd:ee:ff} (either case). */
    public static Mac parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("bad mac address: " + text);
        }
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            if (parts[i].length() != 2) {
                throw new IllegalArgumentException("bad mac address: " + text);
            }
            try {
                b[i] = (byte) HexFormat.fromHexDigits(parts[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad mac address: " + text, e);
            }
        }
        return new Mac(b);
    }

    public byte[] octets() {
        return octets.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mac other && java.util.Arrays.equals(octets, other.octets);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(octets);
    }

    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(octets);
    }
}
