package dev.albatross.tender.block;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.InflaterInputStream;

/**
 * Run in a JVM with a small heap by {@link BlockDumpTest}: dumps a block at levels 0 and 9 and prints the size and
 * CRC-32 of what the chunks carry. A dump that held the block in memory would die of OutOfMemoryError.
 */
final class BoundedDumpMain {
    private BoundedDumpMain() {
    }

    public static void main(String[] args) throws IOException {
        BlockStore store = BlockStore.open(Path.of(args[0]));
        for (int level : new int[] {0, 9}) {
            CRC32 crc = new CRC32();
            long bytes = 0;
            try (InputStream in = level == 0 ? new ChunkStream(store.dump(args[1], 0))
                    : new InflaterInputStream(new ChunkStream(store.dump(args[1], level)))) {
                byte[] buffer = new byte[8192];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    crc.update(buffer, 0, n);
                    bytes += n;
                }
            }
            System.out.println("level " + level + ": " + bytes + " bytes crc " + crc.getValue());
        }
    }

    static long crcOfFile(Path file) throws IOException {
        CRC32 crc = new CRC32();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[65536];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                crc.update(buffer, 0, n);
            }
        }
        return crc.getValue();
    }

    /** The chunks of a dump as one stream, pulled one chunk at a time. */
    private static final class ChunkStream extends InputStream {
        private final BlockDump dump;
        private byte[] chunk = new byte[0];
        private int position;

        ChunkStream(BlockDump dump) {
            this.dump = dump;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            while (position == chunk.length) {
                Optional<byte[]> next = dump.next();
                if (next.isEmpty()) {
                    return -1;
                }
                chunk = next.get();
                position = 0;
            }
            int n = Math.min(length, chunk.length - position);
            System.arraycopy(chunk, position, buffer, offset, n);
            position += n;
            return n;
        }

        @Override
        public void close() {
            dump.close();
        }
    }
}
