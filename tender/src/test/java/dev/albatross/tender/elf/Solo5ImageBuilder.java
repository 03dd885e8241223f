package dev.albatross.tender.elf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds small Solo5 unikernel images for tests: a valid static ELF64 x86-64 executable (ET_EXEC) with one PT_LOAD,
 * a PT_NOTE segment and a SHT_NOTE section for each of {@code .note.solo5.abi} and {@code .note.solo5.manifest},
 * laid out like the corpus images (shared/vectors/images). It contains no code: the solo5-hvt double reads only its
 * notes. Broken variants are made by the {@code omit...}/override methods. Used by the daemon's tests too.
 *
 * <pre>{@code
 * byte[] image = Solo5ImageBuilder.hvt().net("service0").block("storage").build();
 * }</pre>
 */
public final class Solo5ImageBuilder {
    private static final int PHDR_OFFSET = 64;
    private static final int PHDR_SIZE = 56;
    private static final int SHDR_SIZE = 64;
    private static final long LOAD_ADDRESS = 0x100000;

    private int target = Solo5Target.HVT.code();
    private int abiVersion = 2;
    private final List<byte[]> entries = new ArrayList<>();
    private boolean abiNote = true;
    private boolean manifestNote = true;
    private boolean segments = true;
    private int abiDescriptorSize = 16;
    private int manifestVersion = 1;
    private Integer entryCount;
    private int reservedType = 1 << 30;

    private Solo5ImageBuilder() {
    }

    /** An hvt image of ABI version 2 without devices, like hello.hvt. */
    public static Solo5ImageBuilder hvt() {
        return new Solo5ImageBuilder();
    }

    public Solo5ImageBuilder target(Solo5Target value) {
        this.target = value.code();
        return this;
    }

    /** A raw target code, including unknown ones. */
    public Solo5ImageBuilder targetCode(int value) {
        this.target = value;
        return this;
    }

    public Solo5ImageBuilder abiVersion(int value) {
        this.abiVersion = value;
        return this;
    }

    public Solo5ImageBuilder block(String name) {
        return device(name, ManifestDevice.Type.BLOCK_BASIC.code());
    }

    public Solo5ImageBuilder net(String name) {
        return device(name, ManifestDevice.Type.NET_BASIC.code());
    }

    /** A manifest entry with any type code and a name of up to 68 bytes (68 means: not NUL-terminated). */
    public Solo5ImageBuilder device(String name, int type) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 68) {
            throw new IllegalArgumentException("name longer than 68 bytes: " + name);
        }
        ByteBuffer entry = ByteBuffer.allocate(104).order(ByteOrder.LITTLE_ENDIAN);
        entry.put(bytes);
        entry.putInt(68, type);
        entries.add(entry.array());
        return this;
    }

    public Solo5ImageBuilder omitAbiNote() {
        this.abiNote = false;
        return this;
    }

    public Solo5ImageBuilder omitManifestNote() {
        this.manifestNote = false;
        return this;
    }

    /** Keeps the notes only in sections, with no PT_NOTE segments (what solo5-elftool still reads). */
    public Solo5ImageBuilder notesOnlyInSections() {
        this.segments = false;
        return this;
    }

    public Solo5ImageBuilder abiDescriptorSize(int bytes) {
        this.abiDescriptorSize = bytes;
        return this;
    }

    public Solo5ImageBuilder manifestVersion(int value) {
        this.manifestVersion = value;
        return this;
    }

    /** Writes this count into the manifest header instead of the real number of entries. */
    public Solo5ImageBuilder entryCount(int value) {
        this.entryCount = value;
        return this;
    }

    public Solo5ImageBuilder reservedFirstType(int value) {
        this.reservedType = value;
        return this;
    }

    public byte[] build() {
        byte[] manifest = note(0x3154464d, manifestDescriptor());
        byte[] abi = note(0x31494241, abiDescriptor());
        int phnum = segments ? 3 : 1;
        int manifestAt = 0x100;
        int abiAt = align(manifestAt + manifest.length, 4);
        int notesEnd = abiAt + abi.length;
        byte[] shstrtab = "\0.note.solo5.manifest\0.note.solo5.abi\0.shstrtab\0".getBytes(StandardCharsets.US_ASCII);
        int shstrtabAt = notesEnd;
        int shoff = align(shstrtabAt + shstrtab.length, 8);
        int size = shoff + 4 * SHDR_SIZE;

        ByteBuffer elf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        elf.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        elf.putShort(16, (short) 2);          // e_type ET_EXEC
        elf.putShort(18, (short) 62);         // e_machine EM_X86_64
        elf.putInt(20, 1);                    // e_version
        elf.putLong(24, LOAD_ADDRESS);        // e_entry
        elf.putLong(32, PHDR_OFFSET);         // e_phoff
        elf.putLong(40, shoff);               // e_shoff
        elf.putShort(52, (short) 64);         // e_ehsize
        elf.putShort(54, (short) PHDR_SIZE);  // e_phentsize
        elf.putShort(56, (short) phnum);      // e_phnum
        elf.putShort(58, (short) SHDR_SIZE);  // e_shentsize
        elf.putShort(60, (short) 4);          // e_shnum
        elf.putShort(62, (short) 3);          // e_shstrndx

        phdr(elf, 0, 1, 5, 0, notesEnd, 0x1000);                    // PT_LOAD R+X over header and notes
        if (segments) {
            // An omitted note keeps its bytes but loses its PT_NOTE (PT_NULL) and SHT_NOTE (SHT_PROGBITS) type.
            phdr(elf, 1, abiNote ? 4 : 0, 4, abiAt, abi.length, 4);
            phdr(elf, 2, manifestNote ? 4 : 0, 4, manifestAt, manifest.length, 8);
        }
        elf.put(manifestAt, manifest);
        elf.put(abiAt, abi);
        elf.put(shstrtabAt, shstrtab);
        shdr(elf, shoff, 1, 1, manifestNote ? 7 : 1, manifestAt, manifest.length, 8);
        shdr(elf, shoff, 2, 22, abiNote ? 7 : 1, abiAt, abi.length, 4);
        ByteBuffer strtab = elf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int at = shoff + 3 * SHDR_SIZE;
        strtab.putInt(at, 38);
        strtab.putInt(at + 4, 3);              // SHT_STRTAB
        strtab.putLong(at + 24, shstrtabAt);
        strtab.putLong(at + 32, shstrtab.length);
        return elf.array();
    }

    private byte[] abiDescriptor() {
        ByteBuffer desc = ByteBuffer.allocate(Math.max(abiDescriptorSize, 8)).order(ByteOrder.LITTLE_ENDIAN);
        desc.putInt(0, target);
        desc.putInt(4, abiVersion);
        byte[] bytes = new byte[abiDescriptorSize];
        desc.get(0, bytes, 0, Math.min(abiDescriptorSize, desc.capacity()));
        return bytes;
    }

    private byte[] manifestDescriptor() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(4, manifestVersion);
        header.putInt(8, entryCount != null ? entryCount : entries.size() + 1);
        out.writeBytes(header.array());
        ByteBuffer reserved = ByteBuffer.allocate(104).order(ByteOrder.LITTLE_ENDIAN);
        reserved.putInt(68, reservedType);
        out.writeBytes(reserved.array());
        entries.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** namesz=6, descsz, type, "Solo5\0" padded to 8, then the descriptor padded to 4. */
    private static byte[] note(int type, byte[] desc) {
        ByteBuffer note = ByteBuffer.allocate(20 + align(desc.length, 4)).order(ByteOrder.LITTLE_ENDIAN);
        note.putInt(6);
        note.putInt(desc.length);
        note.putInt(type);
        note.put("Solo5\0\0\0".getBytes(StandardCharsets.US_ASCII));
        note.put(desc);
        return note.array();
    }

    private static void phdr(ByteBuffer elf, int index, int type, int flags, long offset, long size, long alignment) {
        int at = PHDR_OFFSET + index * PHDR_SIZE;
        elf.putInt(at, type);
        elf.putInt(at + 4, flags);
        elf.putLong(at + 8, offset);
        elf.putLong(at + 16, LOAD_ADDRESS + offset);
        elf.putLong(at + 24, LOAD_ADDRESS + offset);
        elf.putLong(at + 32, size);
        elf.putLong(at + 40, size);
        elf.putLong(at + 48, alignment);
    }

    private static void shdr(ByteBuffer elf, int shoff, int index, int nameOffset, int type, long offset, long size,
                             long alignment) {
        int at = shoff + index * SHDR_SIZE;
        elf.putInt(at, nameOffset);
        elf.putInt(at + 4, type);
        elf.putLong(at + 8, 2);                // SHF_ALLOC
        elf.putLong(at + 16, LOAD_ADDRESS + offset);
        elf.putLong(at + 24, offset);
        elf.putLong(at + 32, size);
        elf.putLong(at + 48, alignment);
    }

    private static int align(int value, int alignment) {
        return (value + alignment - 1) & -alignment;
    }
}
