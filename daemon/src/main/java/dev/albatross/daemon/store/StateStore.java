package dev.albatross.daemon.store;

import dev.albatross.protocol.der.DecodeError;
import dev.albatross.protocol.der.Decoded;
import dev.albatross.protocol.state.StateFile;
import dev.albatross.protocol.state.StateFileCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * {@code <dbdir>/state} and its companions (spec §1): {@code state.bak} (the previous version) and
 * {@code state.started} (the file as it was when the daemon started).
 *
 * <p>Writes never leave a moment without a valid {@code state}: the new content goes to {@code state.tmp}
 * and is fsynced, the current file is hard-linked to {@code state.bak} (through a temporary name, so the old
 * backup is replaced atomically), then {@code state.tmp} is renamed over {@code state} and the directory
 * fsynced. Albatross renames {@code state} away first, so a crash in between leaves no state.
 */
public final class StateStore {
    private final Path dir;
    private final Path state;

    public StateStore(Path dbdir) {
        this.dir = dbdir;
        this.state = dbdir.resolve("state");
    }

    public Path file() {
        return state;
    }

    /** A state file that cannot be decoded: the daemon refuses to start and keeps the file. */
    public static final class CorruptStateException extends IOException {
        private static final long serialVersionUID = 1L;

        public CorruptStateException(Path file, DecodeError error) {
            super("couldn't parse state " + file + ": " + error.message());
        }
    }

    /** The stored state, or empty if there is none yet. */
    public Optional<StateFile> read() throws IOException {
        byte[] content;
        try {
            content = Files.readAllBytes(state);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Decoded<StateFile> decoded = StateFileCodec.decode(content);
        if (decoded instanceof Decoded.Failed<StateFile> failed) {
            throw new CorruptStateException(state, failed.error());
        }
        return Optional.of(decoded.orElseThrow());
    }

    /** Copies {@code state} to {@code state.started} (if there is a state). */
    public void backupAtStart() throws IOException {
        if (Files.exists(state)) {
            Files.copy(state, dir.resolve("state.started"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Writes {@code content} as the new state, keeping the previous one as {@code state.bak}. */
    public void write(StateFile content) throws IOException {
        write(StateFileCodec.encode(content));
    }

    void write(byte[] encoded) throws IOException {
        Path tmp = dir.resolve("state.tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(encoded);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        if (Files.exists(state)) {
            Path bakTmp = dir.resolve("state.bak.tmp");
            Files.deleteIfExists(bakTmp);
            Files.createLink(bakTmp, state);
            move(bakTmp, dir.resolve("state.bak"));
        }
        move(tmp, state);
        fsyncDirectory();
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void fsyncDirectory() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }
}
