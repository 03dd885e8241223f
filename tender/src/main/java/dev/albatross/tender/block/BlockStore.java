package dev.albatross.tender.block;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The block device files in {@code <dbdir>/block/} (spec §7.6): one file per block, named by the block's name as
 * text ({@code foo:data}, root path {@code :disk}), mode 0600, a whole number of MB long, sparse where unwritten.
 *
 * <p>Each operation is one step of the daemon's shell and either completes or leaves the directory as it was.
 * Uploads go to a temporary file ({@value #TEMP_PREFIX}...) renamed over the block on commit; '%' is not a name
 * character (spec §4), so a temporary file never shadows a block.
 */
public final class BlockStore {
    /** Bytes in one MB, the unit of every block size. */
    public static final long MB = 1L << 20;

    static final String TEMP_PREFIX = "%upload-";
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    private static final FileAttribute<Set<PosixFilePermission>> FILE_ATTRIBUTE =
            PosixFilePermissions.asFileAttribute(FILE_MODE);

    private static final Logger LOG = LoggerFactory.getLogger(BlockStore.class);

    private final Path directory;

    private BlockStore(Path directory) {
        this.directory = directory;
    }

    /** The store in {@code <dbdir>/block}, creating that directory (mode 0700) if it does not exist. */
    public static BlockStore open(Path dbdir) throws IOException {
        Path directory = dbdir.resolve("block");
        if (!Files.isDirectory(directory)) {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
            // Set again: the umask may have removed bits from the mode given at creation.
            Files.setPosixFilePermissions(directory, DIRECTORY_MODE);
        }
        return new BlockStore(directory);
    }

    public Path directory() {
        return directory;
    }

    /** The file of block {@code name}, as given to the tender ({@code --block:<dev>=<path>}, spec §7.7). */
    public Path path(String name) {
        return fileOf(name);
    }

    /**
     * Lists the block files (spec §7.1 step 2): every regular file whose size is a non-zero multiple of 1 MiB.
     * Temporary files of uploads that a crash interrupted are removed and reported as skipped.
     */
    public BlockScan scan() throws IOException {
        List<BlockScan.BlockFile> blocks = new ArrayList<>();
        List<BlockScan.Skipped> skipped = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String fileName = entry.getFileName().toString();
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    continue; // removed since it was listed: nothing to report
                }
                if (fileName.startsWith(TEMP_PREFIX) && attributes.isRegularFile()) {
                    Files.deleteIfExists(entry);
                    skipped.add(new BlockScan.Skipped(fileName, "removed the leftover of an interrupted upload"));
                    continue;
                }
                Optional<String> reason = skipReason(attributes);
                if (reason.isPresent()) {
                    skipped.add(new BlockScan.Skipped(fileName, reason.get()));
                } else {
                    blocks.add(new BlockScan.BlockFile(fileName, Math.toIntExact(attributes.size() / MB)));
                }
            }
        }
        blocks.sort(Comparator.comparing(BlockScan.BlockFile::name));
        skipped.sort(Comparator.comparing(BlockScan.Skipped::fileName));
        return new BlockScan(blocks, skipped);
    }

    /** Why a directory entry is no block device, if it is none. */
    static Optional<String> skipReason(BasicFileAttributes attributes) {
        long size = attributes.size();
        if (!attributes.isRegularFile()) {
            return Optional.of("not a regular file");
        } else if (size == 0) {
            return Optional.of("size is 0");
        } else if (size % MB != 0) {
            return Optional.of("size " + size + " bytes is not a multiple of 1 MiB");
        } else if (size / MB > Integer.MAX_VALUE) {
            return Optional.of("size " + size / MB + " MB is too large");
        }
        return Optional.empty();
    }

    /** Creates block {@code name}: a new file of {@code sizeMb} MB of zeros (sparse), mode 0600. */
    public void create(String name, int sizeMb) throws BlockException {
        long bytes = bytesOf(sizeMb);
        Path file = fileOf(name);
        String step = "creating block " + name;
        try {
            Files.createFile(file, FILE_ATTRIBUTE);
        } catch (FileAlreadyExistsException e) {
            throw new BlockException(step + ": file already exists", e);
        } catch (IOException e) {
            throw BlockException.of(step, e);
        }
        try {
            Files.setPosixFilePermissions(file, FILE_MODE);
            setLength(file, bytes);
        } catch (IOException e) {
            BlockException failure = BlockException.of(step, e);
            deleteAfterFailure(file, failure);
            throw failure;
        }
        LOG.debug("created block {} of {} MB", name, sizeMb);
    }

    /** Deletes block {@code name}. */
    public void remove(String name) throws BlockException {
        try {
            Files.delete(fileOf(name));
        } catch (NoSuchFileException e) {
            throw new BlockException("removing block " + name + ": no such block file", e);
        } catch (IOException e) {
            throw BlockException.of("removing block " + name, e);
        }
    }

    /**
     * Starts replacing the content of block {@code name} (spec §7.6 {@code Block_set}) with a stream of at most
     * {@code sizeMb} MB, zlib-compressed (RFC 1950) if {@code compressed}. The block keeps its old content until
     * {@link BlockUpload#commit()}.
     */
    public BlockUpload upload(String name, int sizeMb, boolean compressed) throws BlockException {
        long bytes = bytesOf(sizeMb);
        Path file = fileOf(name);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new BlockException("setting block " + name + ": no such block file");
        }
        return BlockUpload.begin(name, file, bytes, compressed);
    }

    /**
     * Reads block {@code name} as a stream of chunks (spec §7.6 {@code Block_dump}): raw 4096-byte pieces at
     * level 0, zlib-compressed at levels 1 to 9.
     */
    public BlockDump dump(String name, int level) throws BlockException {
        if (level < 0 || level > 9) {
            throw new BlockException("dumping block " + name + ": compression level " + level + " is not 0 to 9");
        }
        return BlockDump.open(name, fileOf(name), level);
    }

    /** Size in MB of the file system holding the blocks: the root policy's block limit (spec §6.5). */
    public long totalSizeMb() throws IOException {
        return Files.getFileStore(directory).getTotalSpace() / MB;
    }

    /** {@code sizeMb × 2^20}; Albatross refuses sizes below 1 MB with this text. */
    static long bytesOf(int sizeMb) throws BlockException {
        if (sizeMb < 1) {
            throw new BlockException("overflow while computing bytes");
        }
        return sizeMb * MB;
    }

    /** Extends or truncates {@code file} to {@code bytes}; an extension is sparse (ftruncate). */
    static void setLength(Path file, long bytes) throws IOException {
        try (RandomAccessFile access = new RandomAccessFile(file.toFile(), "rw")) {
            access.setLength(bytes);
        }
    }

    static void deleteAfterFailure(Path file, BlockException failure) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private Path fileOf(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\0') >= 0 || name.startsWith(TEMP_PREFIX)) {
            throw new IllegalArgumentException("not a block name: " + name);
        }
        return directory.resolve(name);
    }
}
