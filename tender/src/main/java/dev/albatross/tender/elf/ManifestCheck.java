package dev.albatross.tender.elf;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Albatross's check that a unikernel configuration names exactly the devices of the image's manifest (spec §7.3):
 * the set of block names must equal the set of BLOCK_BASIC names, then the set of network interface names the set
 * of NET_BASIC names. Order and duplicates do not matter.
 */
public final class ManifestCheck {
    private ManifestCheck() {
    }

    /** Empty if the names match the manifest, else Albatross's failure text, byte for byte. */
    public static Optional<String> mismatch(Solo5Image image, Collection<String> blockNames,
                                            Collection<String> netifNames) {
        List<ManifestDevice> devices = image.devices();
        if (!Set.copyOf(blockNames).equals(Set.copyOf(image.deviceNames(ManifestDevice.Type.BLOCK_BASIC)))) {
            return Optional.of("specified block device(s) does not match with manifest. Devices present in manifest: "
                    + render(devices));
        }
        if (!Set.copyOf(netifNames).equals(Set.copyOf(image.deviceNames(ManifestDevice.Type.NET_BASIC)))) {
            return Optional.of("specified bridge(s) does not match with the manifest. Devices present in manifest: "
                    + render(devices));
        }
        return Optional.empty();
    }

    /** {@code block "storage", net "service0"}: Albatross prints each entry with OCaml's {@code %S}. */
    static String render(List<ManifestDevice> devices) {
        return devices.stream()
                .map(device -> (device.type() == ManifestDevice.Type.BLOCK_BASIC ? "block " : "net ")
                        + ocamlQuoted(device.name()))
                .collect(Collectors.joining(", "));
    }

    /**
     * OCaml's {@code String.escaped} in double quotes, byte-wise over UTF-8 (non-ASCII bytes become \ddd). The
     * client has the same printer for console lines (OcamlText); the tender module depends on no protocol code.
     */
    static String ocamlQuoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = Byte.toUnsignedInt(b);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\b' -> out.append("\\b");
                default -> {
                    if (c >= 0x20 && c <= 0x7e) {
                        out.append((char) c);
                    } else {
                        out.append(String.format("\\%03d", c));
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
