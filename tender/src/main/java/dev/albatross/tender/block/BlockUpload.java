package dev.albatross.tender.block;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A streamed replacement of a block's content ({@code Block_set}, spec §2.2 and §7.6), fed chunk by chunk as
 * they arrive from the network, then {@linkplain #commit() committed} or {@linkplain #abort() aborted}.
 *
 * <p>Compat §13.2 #17: Albatross truncates the block before receiving, so a failed set loses the old content. We
 * write to a temporary file (mode 0600) in the block directory and rename it over the block on commit; a failed
 * or aborted upload leaves the old content and no temporary file. The price: the file system needs room for a
 * second copy of the block's written data while the upload runs.
 *
 * <p>More than the block's size of (inflated) data fails with "stream exceeds size". The first failure deletes
 * the temporary file; every later call throws that same exception, so the caller can keep draining the stream
 * and answer once. One caller at a time (calls may move between threads if each happens-before the next).
 */
public final class BlockUpload implements AutoCloseable {
    private enum State { OPEN, COMMITTED, FAILED, ABORTED }

    private static final Logger LOG = LoggerFactory.getLogger(BlockUpload.class);

    private final String name;
    private final Path target;
    private final Path temporary;
    private final RandomAccessFile file;
    private final FileChannel channel;
    private final long sizeBytes;
    private final Optional<ZlibDecoder> zlib;
    private long writtenBytes;
    private State state = State.OPEN;
    private BlockException failure;

    private BlockUpload(String name, Path target, Path temporary, RandomAccessFile file, long sizeBytes,
                        boolean compressed) {
        this.name = name;
        this.target = target;
        this.temporary = temporary;
        this.file = file;
        this.channel = file.getChannel();
        this.sizeBytes = sizeBytes;
        this.zlib = compressed ? Optional.of(new ZlibDecoder()) : Optional.empty();
    }

    static BlockUpload begin(String name, Path target, long sizeBytes, boolean compressed) throws BlockException {
        Path temporary;
        try {
            temporary = Files.createTempFile(target.getParent(), BlockStore.TEMP_PREFIX, ".tmp",
                    PosixFilePermissions.asFileAttribute(BlockStore.FILE_MODE));
        } catch (IOException e) {
            throw BlockException.of(step(name), e);
        }
        try {
            // Set again: the umask may have removed bits from the mode given at creation.
            Files.setPosixFilePermissions(temporary, BlockStore.FILE_MODE);
            return new BlockUpload(name, target, temporary, new RandomAccessFile(temporary.toFile(), "rw"),
                    sizeBytes, compressed);
        } catch (IOException e) {
            BlockException failure = BlockException.of(step(name), e);
            BlockStore.deleteAfterFailure(temporary, failure);
            throw failure;
        }
    }

    /** Appends the remaining bytes of {@code chunk} (consuming them), inflating them if the upload is compressed. */
    public void write(ByteBuffer chunk) throws BlockException {
        requireOpen();
        try {
            if (zlib.isPresent()) {
                zlib.get().inflate(chunk, this::append);
            } else {
                append(chunk);
            }
        } catch (BlockException e) {
            throw fail(e);
        }
    }

    public void write(byte[] data, int offset, int length) throws BlockException {
        write(ByteBuffer.wrap(data, offset, length));
    }

    /** Sets the block to what was written, extended with zeros (sparse) to its exact size, atomically. */
    public void commit() throws BlockException {
        requireOpen();
        try {
            if (zlib.isPresent()) {
                zlib.get().finish();
            }
            if (!Files.isRegularFile(target)) {
                throw new BlockException(step(name) + ": the block was removed during the upload");
            }
            file.setLength(sizeBytes);
            // Durable before the rename, so a crash leaves either the old or the complete new content.
            channel.force(true);
            file.close();
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (BlockException e) {
            throw fail(e);
        } catch (IOException e) {
            throw fail(BlockException.of(step(name), e));
        }
        state = State.COMMITTED;
        zlib.ifPresent(ZlibDecoder::end);
        syncDirectory();
        LOG.debug("set block {}: {} bytes written", name, writtenBytes);
    }

    /** Drops the upload: the block keeps its old content. Does nothing once committed, failed or aborted. */
    public void abort() {
        if (state != State.OPEN) {
            return;
        }
        state = State.ABORTED;
        discard().ifPresent(e -> LOG.warn("aborting upload to block {}: {}", name, e.getMessage(), e));
    }

    /** Aborts unless committed. */
    @Override
    public void close() {
        abort();
    }

    private void append(ByteBuffer data) throws BlockException {
        if (data.remaining() > sizeBytes - writtenBytes) {
            throw new BlockException("stream exceeds size");
        }
        try {
            while (data.hasRemaining()) {
                writtenBytes += channel.write(data);
            }
        } catch (IOException e) {
            throw BlockException.of(step(name), e);
        }
    }

    private BlockException fail(BlockException cause) {
        state = State.FAILED;
        failure = cause;
        discard().ifPresent(cause::addSuppressed);
        return cause;
    }

    /** Closes and deletes the temporary file; returns what went wrong doing so. */
    private Optional<IOException> discard() {
        zlib.ifPresent(ZlibDecoder::end);
        IOException problem = null;
        try {
            file.close();
        } catch (IOException e) {
            problem = e;
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            if (problem == null) {
                problem = e;
            } else {
                problem.addSuppressed(e);
            }
        }
        return Optional.ofNullable(problem);
    }

    private void requireOpen() throws BlockException {
        switch (state) {
            case OPEN:
                return;
            case FAILED:
                throw failure;
            case COMMITTED:
                throw new IllegalStateException("upload to block " + name + " already committed");
            case ABORTED:
                throw new IllegalStateException("upload to block " + name + " aborted");
        }
    }

    /** fsync of the directory, so the rename itself survives a crash; the content is already durable. */
    private void syncDirectory() {
        try (FileChannel directory = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // Not a failure of the set: the rename is done and visible; only its durability across a crash is
            // in doubt, which the next set or scan does not depend on.
            LOG.warn("syncing the block directory after setting {}: {}", name, e.getMessage());
        }
    }

    private static String step(String name) {
        return "setting block " + name;
    }
}
