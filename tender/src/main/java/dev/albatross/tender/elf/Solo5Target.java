package dev.albatross.tender.elf;

/** The {@code abi_target} of the Solo5 ABI note ({@code enum abi_target} in Solo5's elf_abi.h). */
public enum Solo5Target {
    HVT(1, "hvt"),
    SPT(2, "spt"),
    VIRTIO(3, "virtio"),
    MUEN(4, "muen"),
    GENODE(5, "genode"),
    XEN(6, "xen");

    private final int code;
    private final String text;

    Solo5Target(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** The value in the note. */
    public int code() {
        return code;
    }

    /** The name solo5-elftool prints: "hvt", "spt", ... */
    public String text() {
        return text;
    }

    static Solo5Target fromCode(long code) throws Solo5ImageException {
        for (Solo5Target target : values()) {
            if (target.code == code) {
                return target;
            }
        }
        throw new Solo5ImageException("unknown Solo5 target " + code);
    }
}
