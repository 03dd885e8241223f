package dev.albatross.daemon.vmmd;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.name.Mac;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.UnikernelConfig;
import dev.albatross.tender.net.TapDevice;
import dev.albatross.tender.process.LaunchSpec;
import java.util.List;

/**
 * A unikernel ready to start (spec §7.3 "prepare"): image written, fifo created and read, taps up, tender found.
 *
 * @param digest SHA-256 of the uncompressed image, reported by {@code info}
 * @param macs   the effective MAC of each network interface, in configuration order
 */
record Prepared(Name name, UnikernelConfig config, Bytes digest, LaunchSpec spec, List<TapDevice> taps,
        List<Mac> macs) {
    Prepared {
        taps = List.copyOf(taps);
        macs = List.copyOf(macs);
    }
}
