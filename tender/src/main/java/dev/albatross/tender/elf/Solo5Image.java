package dev.albatross.tender.elf;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * What the Solo5 notes of a unikernel image say: target, ABI version and manifest devices (in manifest order,
 * without the reserved first entry).
 *
 * @see #read(ByteBuffer)
 */
public record Solo5Image(Solo5Target target, int abiVersion, List<ManifestDevice> devices) {
    public Solo5Image {
        Objects.requireNonNull(target, "target");
        if (abiVersion < 0) {
            throw new IllegalArgumentException("abiVersion must not be negative: " + abiVersion);
        }
        devices = List.copyOf(devices);
    }

    /**
     * Reads the notes of a whole ELF64 little-endian image. The buffer's position and limit frame the image; the
     * buffer itself is not modified. Every offset and length in the file is checked before use.
     *
     * <pre>
     * .note.solo5.abi       namesz=6 descsz=16 type=0x31494241 "Solo5\0\0\0"
     *                       desc: target u32 | abi version u32 | reserved u32 | reserved u32
     * .note.solo5.manifest  namesz=6 descsz=4+8+104n type=0x3154464d "Solo5\0\0\0"
     *                       desc: 4 pad bytes (struct mft is 8-aligned) | version u32 = 1 | entries u32 = n
     *                             | n entries of 104 bytes: name[68] NUL-terminated | type u32 | per-type fields
     *                             | entry 0 is the reserved entry: type 1 &lt;&lt; 30, empty name
     * </pre>
     *
     * @throws Solo5ImageException naming what is wrong
     */
    public static Solo5Image read(ByteBuffer image) throws Solo5ImageException {
        return Solo5NoteReader.read(image.slice());
    }

    public static Solo5Image read(byte[] image) throws Solo5ImageException {
        return read(ByteBuffer.wrap(image));
    }

    /** This image, if it is for the hvt target. */
    public Solo5Image requireHvt() throws Solo5ImageException {
        if (target != Solo5Target.HVT) {
            throw new Solo5ImageException("target is " + target.text() + ", not hvt");
        }
        return this;
    }

    /** The names of the devices of {@code type}, in manifest order. */
    public List<String> deviceNames(ManifestDevice.Type type) {
        return devices.stream().filter(device -> device.type() == type).map(ManifestDevice::name).toList();
    }
}
