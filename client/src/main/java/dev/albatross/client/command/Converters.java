package dev.albatross.client.command;

import dev.albatross.protocol.name.Mac;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.name.Path;
import dev.albatross.protocol.wire.BlockDevice;
import dev.albatross.protocol.wire.NetIf;
import dev.albatross.protocol.wire.StatsCmd;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The argument types of the subcommands, parsed as Albatross's cmdliner converters parse them. Each parser
 * throws {@link IllegalArgumentException} with cmdliner's reason. */
final class Converters {
    private Converters() {
    }

    /** A unikernel or block name ({@code Name.of_string}): {@code hello} is {@code :hello}. */
    static final class Names {
        private Names() {
        }

        static Name parse(String value) {
            try {
                return Name.parse(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(value.isEmpty() ? "empty name" : "invalid name");
            }
        }
    }

    /** A path ({@code Path.of_string}): {@code foo:bar}; the empty string is the root. */
    static final class Paths {
        private Paths() {
        }

        static Path parse(String value) {
            try {
                return Path.parse(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "invalid path: invalid label (only [a-zA-Z0-9-.] allowed, 1 to 63 chars)");
            }
        }
    }

    /** {@code NAME[:DEVICE][@SECTOR-SIZE]} of {@code --block}. */
    static final class Blocks {
        private Blocks() {
        }

        static BlockDevice parse(String value) {
            String[] at = value.split("@", -1);
            if (at.length > 2) {
                throw new IllegalArgumentException(
                        "format is 'name[@sector-size]' or 'name:device-name[@sector-size]'");
            }
            OptionalInt sector = OptionalInt.empty();
            if (at.length == 2) {
                int size;
                try {
                    size = Integer.parseInt(at[1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("sector size must be an integer");
                }
                if (size < 512 || (size & (size - 1)) != 0) {
                    throw new IllegalArgumentException(
                            "sector size must be a power of two greater than or equal 512");
                }
                sector = OptionalInt.of(size);
            }
            String[] pair = colonPair(at[0]);
            return new BlockDevice(pair[0], Optional.ofNullable(pair[1]), sector);
        }
    }

    /** {@code [NETIF:]BRIDGE[@MAC]} of {@code --net}: {@code a:b} is netif a on bridge b, {@code a} is a on a. */
    static final class Nets {
        private Nets() {
        }

        static NetIf parse(String value) {
            int at = value.indexOf('@');
            if (at >= 0 && value.indexOf('@', at + 1) >= 0) {
                throw new IllegalArgumentException("format is [name:]bridge[@mac]");
            }
            Optional<Mac> mac = Optional.empty();
            String net = value;
            if (at >= 0) {
                try {
                    mac = Optional.of(Mac.parse(value.substring(at + 1)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Macaddr: invalid MAC address " + value.substring(at + 1));
                }
                net = value.substring(0, at);
            }
            String[] pair = colonPair(net);
            return new NetIf(pair[0], Optional.ofNullable(pair[1]), mac);
        }
    }

    /** {@code name} or {@code name:device}; a second colon is an error. */
    private static String[] colonPair(String s) {
        String[] parts = s.split(":", -1);
        if (parts.length == 1) {
            return new String[] {s, null};
        }
        if (parts.length == 2) {
            return new String[] {parts[0], parts[1]};
        }
        throw new IllegalArgumentException("format is 'name' or 'name:device-name'");
    }

    /** {@code BRIDGE:TAP} of {@code stats-add --bridge}. */
    static final class BridgeTaps {
        private BridgeTaps() {
        }

        static StatsCmd.Interface parse(String value) {
            String[] parts = value.split(":", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("broken, format is bridge:tap");
            }
            return new StatsCmd.Interface(parts[0], parts[1]);
        }
    }

    /**
     * An RFC 3339 time stamp ({@code Ptime.of_rfc3339}), or a date alone, read as midnight UTC.
     */
    static final class Timestamps {
        private static final Pattern RFC3339 = Pattern.compile(
                "(\\d{4}-\\d{2}-\\d{2})[Tt ](\\d{2}:\\d{2}:\\d{2})(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})");

        private Timestamps() {
        }

        static Instant convert(String value) {
            Optional<Instant> t = parse(value);
            if (t.isEmpty()) {
                t = parse(value + "T00:00:00-00:00");
            }
            return t.orElseThrow(() -> new IllegalArgumentException("couldn't parse timestamp"));
        }

        static Optional<Instant> parse(String value) {
            Matcher m = RFC3339.matcher(value);
            if (!m.matches()) {
                return Optional.empty();
            }
            String zone = m.group(4).equalsIgnoreCase("z") ? "Z"
                    : m.group(4).equals("-00:00") ? "Z" : m.group(4);
            String text = m.group(1) + "T" + m.group(2) + (m.group(3) == null ? "" : m.group(3)) + zone;
            try {
                return Optional.of(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty(); // e.g. month 13: not a time stamp
            }
        }
    }
}
