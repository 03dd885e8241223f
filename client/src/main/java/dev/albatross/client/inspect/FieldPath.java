package dev.albatross.client.inspect;

import dev.albatross.protocol.der.DecodeError;

/**
 * The field path of a decode error as operators should read it. The protocol's readers name the outermost
 * element twice, as the input and as the SEQUENCE entered ({@code Wire.Wire.header.version}); it is shown once
 * ({@code Wire.header.version}).
 */
final class FieldPath {
    private FieldPath() {
    }

    static DecodeError once(DecodeError e) {
        String field = e.field();
        int dot = field.indexOf('.');
        if (dot <= 0) {
            return e;
        }
        String first = field.substring(0, dot);
        String rest = field.substring(dot + 1);
        if (rest.equals(first) || rest.startsWith(first + ".")) {
            return new DecodeError(e.offset(), rest, e.reason());
        }
        return e;
    }
}
