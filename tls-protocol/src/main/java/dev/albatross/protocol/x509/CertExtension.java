package dev.albatross.protocol.x509;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.der.Decoded;
import dev.albatross.protocol.der.DerFault;
import dev.albatross.protocol.der.DerNode;
import dev.albatross.protocol.der.DerReader;
import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.CommandCodec;
import dev.albatross.protocol.wire.Header;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The Albatross certificate extension (spec §5.8): a command (in a leaf certificate) or a {@code Policy_add}
 * (in an intermediate CA certificate), under OID {@code 1.3.6.1.4.1.49836.42}, never critical.
 * <pre>
 * AlbatrossExtension ::= SEQUENCE { version INTEGER (5), command Command }
 *
 *   30 0c 02 01 05 a0 07 a2 05 a1 03 02 01 14     console subscribe, last 20 lines
 * </pre>
 */
public final class CertExtension {
    /** {@code 1.3.6.1.4.1.49836.42}: robur's enterprise arc, then 42. DER {@code 06 09 2B 06 01 04 01 83 85 2C 2A}. */
    public static final ASN1ObjectIdentifier OID = new ASN1ObjectIdentifier("1.3.6.1.4.1.49836.42");

    private CertExtension() {
    }

    /** The decoded extension value. */
    public record Value(int version, Command command) {
        public Value {
            Objects.requireNonNull(command, "command");
        }
    }

    /** The extension value (the extnValue contents) for {@code command}, version 5. */
    public static byte[] encode(Command command) {
        return encode(new Value(Header.VERSION, command));
    }

    public static byte[] encode(Value value) {
        return DerNode.sequence(DerNode.integer(value.version()), CommandCodec.node(value.command())).encode();
    }

    /** Decodes an extension value: version 5 only, no trailing bytes. The decoder owns the array. */
    public static Decoded<Value> decode(byte[] extnValue) {
        return decode(DerReader.over(extnValue, "AlbatrossExtension"));
    }

    public static Decoded<Value> decode(Bytes extnValue) {
        return decode(DerReader.over(extnValue, "AlbatrossExtension"));
    }

    private static Decoded<Value> decode(DerReader in) {
        try {
            in.enter(DerReader.SEQUENCE, "AlbatrossExtension");
            long version = in.integer("version");
            if (version != Header.VERSION) {
                throw in.lastElementFault("unknown version number 0x"
                        + Long.toHexString(version).toUpperCase(java.util.Locale.ROOT) + " (only 5 is supported)");
            }
            Command command = CommandCodec.read(in);
            in.leave();
            in.expectEnd();
            return Decoded.ok(new Value((int) version, command));
        } catch (DerFault fault) {
            return Decoded.failed(fault.error());
        }
    }

    /** The non-critical X.509 extension carrying {@code command}. */
    public static Extension extension(Command command) {
        return new Extension(OID, false, encode(command));
    }

    /** Whether {@code cert} has the extension, and if so what it decodes to. */
    public static Optional<Decoded<Value>> read(X509CertificateHolder cert) {
        return read(cert.getExtensions());
    }

    /** The extension of a CSR's {@code extensionRequest} attribute, decoded, if there is one. */
    public static Optional<Decoded<Value>> read(PKCS10CertificationRequest csr) {
        for (Attribute attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            for (var value : attribute.getAttributeValues()) {
                Optional<Decoded<Value>> found = read(Extensions.getInstance(value));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the extension is marked critical in {@code cert} (Albatross never marks it). */
    public static boolean isCritical(X509CertificateHolder cert) {
        Extension e = cert.getExtension(OID);
        return e != null && e.isCritical();
    }

    private static Optional<Decoded<Value>> read(Extensions extensions) {
        if (extensions == null) {
            return Optional.empty();
        }
        Extension e = extensions.getExtension(OID);
        if (e == null) {
            return Optional.empty();
        }
        return Optional.of(decode(e.getExtnValue().getOctets()));
    }

    /** The extension as a BouncyCastle {@link Extensions} for a CSR's {@code extensionRequest}. */
    public static Extensions extensionRequest(Command command) {
        return new Extensions(extension(command));
    }
}
