package dev.albatross.protocol.der;

/**
 * Why input could not be decoded: the byte offset of the element that is wrong (its tag byte; for trailing bytes,
 * the first of them), the field it was read as (a dotted path such as
 * {@code Wire.payload.command.UnikernelConfig.memory}) and the reason.
 */
public record DecodeError(int offset, String field, String reason) {
    public DecodeError {
        java.util.Objects.requireNonNull(field, "field");
        java.util.Objects.requireNonNull(reason, "reason");
    }

    /** One line for operators: {@code offset 4, Wire.header.version: unknown version number 0x4}. */
    public String message() {
        return "offset " + offset + ", " + field + ": " + reason;
    }

    @Override
    public String toString() {
        return message();
    }
}
