package dev.albatross.tender.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Finds one ELF note by owner and type in an ELF64 little-endian file: first in the PT_NOTE segments (what the
 * tender reads), then in the SHT_NOTE sections (what solo5-elftool, and so Albatross, reads). Nothing in the file
 * is trusted: every offset and size is checked against the buffer before it is used, in 64-bit arithmetic.
 */
final class ElfNotes {
    private static final int EHDR_SIZE = 64;
    private static final int PHDR_MIN_SIZE = 56;
    private static final int SHDR_MIN_SIZE = 64;
    private static final int PT_NOTE = 4;
    private static final int SHT_NOTE = 7;
    private static final int NOTE_HEADER = 12;

    private final ByteBuffer elf;

    private ElfNotes(ByteBuffer elf) {
        this.elf = elf.order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Checks the ELF identification; the buffer starts at the image's first byte. */
    static ElfNotes of(ByteBuffer elf) throws Solo5ImageException {
        if (elf.remaining() < 4 || elf.get(0) != 0x7f || elf.get(1) != 'E' || elf.get(2) != 'L' || elf.get(3) != 'F') {
            throw new Solo5ImageException("not an ELF file");
        }
        if (elf.remaining() < EHDR_SIZE) {
            throw new Solo5ImageException("truncated ELF header");
        }
        if (elf.get(4) != 2) {
            throw new Solo5ImageException("not a 64-bit ELF file");
        }
        if (elf.get(5) != 1) {
            throw new Solo5ImageException("not a little-endian ELF file");
        }
        if (elf.get(6) != 1) {
            throw new Solo5ImageException("unsupported ELF version " + Byte.toUnsignedInt(elf.get(6)));
        }
        return new ElfNotes(elf);
    }

    /** The descriptor of the first note owned by {@code owner} with {@code type}, if any. */
    Optional<ByteBuffer> find(String owner, int type) throws Solo5ImageException {
        Optional<ByteBuffer> inSegments = findInSegments(owner, type);
        return inSegments.isPresent() ? inSegments : findInSections(owner, type);
    }

    private Optional<ByteBuffer> findInSegments(String owner, int type) throws Solo5ImageException {
        long offset = u64(0x20);
        int entrySize = u16(0x36);
        int count = u16(0x38);
        checkTable("program header table", offset, entrySize, count, PHDR_MIN_SIZE);
        for (int i = 0; i < count; i++) {
            long header = offset + (long) i * entrySize;
            if (u32(header) == PT_NOTE) {
                ByteBuffer segment = region("note segment " + i, u64(header + 8), u64(header + 32));
                Optional<ByteBuffer> found = findInNotes(segment, owner, type, "note segment " + i);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<ByteBuffer> findInSections(String owner, int type) throws Solo5ImageException {
        long offset = u64(0x28);
        int entrySize = u16(0x3a);
        int count = u16(0x3c);
        checkTable("section header table", offset, entrySize, count, SHDR_MIN_SIZE);
        for (int i = 0; i < count; i++) {
            long header = offset + (long) i * entrySize;
            if (u32(header + 4) == SHT_NOTE) {
                ByteBuffer section = region("note section " + i, u64(header + 24), u64(header + 32));
                Optional<ByteBuffer> found = findInNotes(section, owner, type, "note section " + i);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Walks the notes of one segment or section: {@code namesz u32 | descsz u32 | type u32 | name | desc}, name and
     * desc each padded to 4 bytes.
     */
    private static Optional<ByteBuffer> findInNotes(ByteBuffer notes, String owner, int type, String where)
            throws Solo5ImageException {
        byte[] wanted = (owner + "\0").getBytes(StandardCharsets.US_ASCII);
        long position = 0;
        long end = notes.remaining();
        while (end - position >= NOTE_HEADER) {
            int at = (int) position;
            long nameSize = Integer.toUnsignedLong(notes.getInt(at));
            long descSize = Integer.toUnsignedLong(notes.getInt(at + 4));
            int noteType = notes.getInt(at + 8);
            long nameAt = position + NOTE_HEADER;
            long descAt = nameAt + align4(nameSize);
            long next = descAt + align4(descSize);
            if (descAt + descSize > end) {
                throw new Solo5ImageException("malformed note in " + where + ": sizes exceed the " + where);
            }
            if (noteType == type && nameSize == wanted.length && nameMatches(notes, (int) nameAt, wanted)) {
                return Optional.of(notes.slice((int) descAt, (int) descSize).order(ByteOrder.LITTLE_ENDIAN));
            }
            position = next;
        }
        return Optional.empty();
    }

    private static boolean nameMatches(ByteBuffer notes, int at, byte[] wanted) {
        for (int i = 0; i < wanted.length; i++) {
            if (notes.get(at + i) != wanted[i]) {
                return false;
            }
        }
        return true;
    }

    private static long align4(long size) {
        return (size + 3) & ~3L;
    }

    private void checkTable(String what, long offset, int entrySize, int count, int minEntrySize)
            throws Solo5ImageException {
        if (count == 0) {
            return;
        }
        if (entrySize < minEntrySize) {
            throw new Solo5ImageException(what + ": entry size " + entrySize + " is below " + minEntrySize);
        }
        long size = (long) entrySize * count;
        if (offset < 0 || offset > elf.remaining() || size > elf.remaining() - offset) {
            throw new Solo5ImageException(what + " lies outside the file");
        }
    }

    /** The bytes [offset, offset+size) of the file; offset and size come from the file, as unsigned 64-bit. */
    private ByteBuffer region(String what, long offset, long size) throws Solo5ImageException {
        if (offset < 0 || size < 0 || offset > elf.remaining() || size > elf.remaining() - offset) {
            throw new Solo5ImageException(what + " lies outside the file");
        }
        return elf.slice((int) offset, (int) size).order(ByteOrder.LITTLE_ENDIAN);
    }

    // Only called with offsets inside a table checked by checkTable, or inside the 64-byte header.
    private long u64(long at) {
        return elf.getLong(Math.toIntExact(at));
    }

    private long u32(long at) {
        return Integer.toUnsignedLong(elf.getInt(Math.toIntExact(at)));
    }

    private int u16(long at) {
        return Short.toUnsignedInt(elf.getShort(Math.toIntExact(at)));
    }
}
