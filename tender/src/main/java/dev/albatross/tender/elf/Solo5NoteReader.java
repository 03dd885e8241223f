package dev.albatross.tender.elf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the two Solo5 notes, with the checks of Solo5's {@code mft_validate} (mft.c): version 1, at most 64
 * entries, a descriptor of exactly the size the entry count implies, the reserved first entry, NUL-terminated
 * names, nothing marked attached.
 */
final class Solo5NoteReader {
    static final String OWNER = "Solo5";
    static final int ABI1_TYPE = 0x31494241;
    static final int MFT1_TYPE = 0x3154464d;
    static final int ABI_DESC_SIZE = 16;
    /** The descriptor starts 4-aligned after the 20-byte note header, but struct mft is 8-aligned. */
    static final int MFT_PAD = 4;
    static final int MFT_HEADER = 8;
    static final int MFT_ENTRY_SIZE = 104;
    static final int MFT_NAME_SIZE = 68;
    static final int MFT_MAX_ENTRIES = 64;
    static final int MFT_VERSION = 1;
    static final int MFT_RESERVED_FIRST = 1 << 30;
    /** Entry layout (struct mft_entry): name[68], type u32 @68, union u @72 (16), union b @88 (8), attached @96. */
    private static final int ENTRY_TYPE = 68;
    private static final int ENTRY_ATTACHED = 96;

    private Solo5NoteReader() {
    }

    static Solo5Image read(ByteBuffer image) throws Solo5ImageException {
        ElfNotes elf = ElfNotes.of(image);
        ByteBuffer abi = elf.find(OWNER, ABI1_TYPE)
                .orElseThrow(() -> new Solo5ImageException("no Solo5 ABI note"));
        if (abi.remaining() != ABI_DESC_SIZE) {
            throw new Solo5ImageException("Solo5 ABI note has a descriptor of " + abi.remaining() + " bytes, expected "
                    + ABI_DESC_SIZE);
        }
        Solo5Target target = Solo5Target.fromCode(Integer.toUnsignedLong(abi.getInt(0)));
        long version = Integer.toUnsignedLong(abi.getInt(4));
        if (version > Integer.MAX_VALUE) {
            throw new Solo5ImageException("Solo5 ABI version " + version + " is out of range");
        }
        ByteBuffer manifest = elf.find(OWNER, MFT1_TYPE)
                .orElseThrow(() -> new Solo5ImageException("no Solo5 manifest note"));
        return new Solo5Image(target, (int) version, devices(manifest));
    }

    private static List<ManifestDevice> devices(ByteBuffer desc) throws Solo5ImageException {
        if (desc.remaining() < MFT_PAD + MFT_HEADER) {
            throw invalid("descriptor of " + desc.remaining() + " bytes is too short");
        }
        long version = Integer.toUnsignedLong(desc.getInt(MFT_PAD));
        long entries = Integer.toUnsignedLong(desc.getInt(MFT_PAD + 4));
        if (version != MFT_VERSION) {
            throw invalid("unsupported version " + version);
        }
        if (entries < 1 || entries > MFT_MAX_ENTRIES) {
            throw invalid(entries + " entries, expected 1 to " + MFT_MAX_ENTRIES);
        }
        long expected = MFT_PAD + MFT_HEADER + entries * MFT_ENTRY_SIZE;
        if (desc.remaining() != expected) {
            throw invalid("descriptor of " + desc.remaining() + " bytes does not hold " + entries
                    + " entries (" + expected + " bytes)");
        }
        List<ManifestDevice> devices = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            int at = MFT_PAD + MFT_HEADER + i * MFT_ENTRY_SIZE;
            String name = name(desc, at, i);
            int type = desc.getInt(at + ENTRY_TYPE);
            if (desc.get(at + ENTRY_ATTACHED) != 0) {
                throw invalid("entry " + i + " is marked attached");
            }
            if (i == 0) {
                if (type != MFT_RESERVED_FIRST || !name.isEmpty()) {
                    throw invalid("first entry is not the reserved entry");
                }
                continue;
            }
            devices.add(new ManifestDevice(name, type(type, i)));
        }
        return devices;
    }

    private static String name(ByteBuffer desc, int at, int index) throws Solo5ImageException {
        for (int length = 0; length < MFT_NAME_SIZE; length++) {
            if (desc.get(at + length) == 0) {
                byte[] bytes = new byte[length];
                desc.get(at, bytes);
                return new String(bytes, StandardCharsets.UTF_8);
            }
        }
        throw invalid("name of entry " + index + " is not NUL-terminated");
    }

    private static ManifestDevice.Type type(int code, int index) throws Solo5ImageException {
        for (ManifestDevice.Type type : ManifestDevice.Type.values()) {
            if (type.code() == code) {
                return type;
            }
        }
        throw invalid("entry " + index + " has unknown type 0x" + Integer.toHexString(code));
    }

    private static Solo5ImageException invalid(String what) {
        return new Solo5ImageException("invalid Solo5 manifest: " + what);
    }
}
