package dev.albatross.tender.elf;

/**
 * The bytes are not a usable Solo5 image. The message says what is wrong ("not an ELF file", "no Solo5 ABI note",
 * "target is spt, not hvt") and names no host path, so it may reach the tenant who sent the image.
 */
public final class Solo5ImageException extends Exception {
    private static final long serialVersionUID = 1L;

    public Solo5ImageException(String message) {
        super(message);
    }
}
