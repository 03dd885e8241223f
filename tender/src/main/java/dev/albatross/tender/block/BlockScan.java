package dev.albatross.tender.block;

import java.util.List;
import java.util.Objects;

/**
 * What the startup scan of the block directory found (spec §7.1 step 2), both lists sorted by file name.
 *
 * @param blocks files whose size is a non-zero multiple of 1 MiB; the daemon still validates the names
 * @param skipped everything else, with the reason, for the daemon to log
 */
public record BlockScan(List<BlockFile> blocks, List<Skipped> skipped) {
    public BlockScan {
        blocks = List.copyOf(blocks);
        skipped = List.copyOf(skipped);
    }

    /** A block device file: its name as text (e.g. {@code foo:data}) and its size in MB. */
    public record BlockFile(String name, int sizeMb) {
        public BlockFile {
            Objects.requireNonNull(name, "name");
            if (sizeMb < 1) {
                throw new IllegalArgumentException("block size must be at least 1 MB: " + sizeMb);
            }
        }
    }

    /** A directory entry that is no block device, e.g. ("notes.txt", "size 12 bytes is not a multiple of 1 MiB"). */
    public record Skipped(String fileName, String reason) {
        public Skipped {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
