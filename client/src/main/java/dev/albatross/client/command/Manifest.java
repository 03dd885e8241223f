package dev.albatross.client.command;

import dev.albatross.client.CliError;
import dev.albatross.protocol.wire.BlockDevice;
import dev.albatross.protocol.wire.NetIf;
import dev.albatross.tender.elf.ManifestCheck;
import dev.albatross.tender.elf.Solo5Image;
import dev.albatross.tender.elf.Solo5ImageException;
import java.util.List;
import java.util.Optional;

/**
 * {@code Vmm_unix.manifest_devices_match}: the client refuses an image whose Solo5 manifest names other devices
 * than {@code --block}/{@code --net}, before sending anything (vector 016).
 */
final class Manifest {
    private Manifest() {
    }

    /** Albatross's mismatch message, or the image's problem, or empty when they match. */
    static Optional<String> mismatch(byte[] image, List<BlockDevice> blocks, List<NetIf> nets) {
        Solo5Image notes;
        try {
            notes = Solo5Image.read(image);
        } catch (Solo5ImageException e) {
            return Optional.of(e.getMessage());
        }
        return ManifestCheck.mismatch(notes, blocks.stream().map(BlockDevice::name).toList(),
                nets.stream().map(NetIf::netif).toList());
    }

    static void require(byte[] image, List<BlockDevice> blocks, List<NetIf> nets) {
        mismatch(image, blocks, nets).ifPresent(m -> {
            throw new CliError(m);
        });
    }
}
