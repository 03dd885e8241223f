package dev.albatross.client.inspect;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.der.DecodeError;
import dev.albatross.protocol.der.Decoded;
import dev.albatross.protocol.x509.CertExtension;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Reads certificates and CSRs, PEM (a chain: several blocks, leaf first) or DER (one), and shows each with its
 * Albatross extension (spec §5.8, §6). An extension that does not decode makes the whole input malformed, as it
 * makes the TLS endpoint refuse the chain; its error offset counts from the start of the extension value.
 * {@code --reencode} re-encodes the extension of the first (leaf) certificate or request.
 */
final class CertInput {
    private static final String CERTIFICATE = "certificate";
    private static final String REQUEST = "certificate-request";

    private CertInput() {
    }

    static Decoded<Report> cert(byte[] input) {
        if (Pem.startsPem(input) || Pem.containsPem(input)) {
            return Pem.blocks(input).fold(CertInput::pem, Decoded::failed);
        }
        return der(input);
    }

    private static Decoded<Report> pem(List<Pem.Block> blocks) {
        Lines out = new Lines();
        Optional<Supplier<Decoded<Bytes>>> leaf = Optional.empty();
        int n = 0;
        for (Pem.Block block : blocks) {
            boolean certificate = block.label().equals("CERTIFICATE") || block.label().equals("X509 CERTIFICATE");
            boolean request = block.label().equals("CERTIFICATE REQUEST")
                    || block.label().equals("NEW CERTIFICATE REQUEST");
            if (!certificate && !request) {
                // e.g. the PRIVATE KEY of a combined file: never shown, only named.
                out.field("skipped", FieldText.printable(block.label()) + " block at offset " + block.offset());
                continue;
            }
            n++;
            Decoded<Supplier<Decoded<Bytes>>> item = certificate ? certificate(out, n, block.offset(), block.der())
                    : request(out, n, block.offset(), block.der());
            if (item instanceof Decoded.Failed<Supplier<Decoded<Bytes>>> failed) {
                return Decoded.failed(failed.error());
            }
            if (leaf.isEmpty()) {
                leaf = Optional.of(item.orElseThrow());
            }
        }
        if (leaf.isEmpty()) {
            return Decoded.failed(new DecodeError(0, "pem", "no CERTIFICATE or CERTIFICATE REQUEST block"));
        }
        return Decoded.ok(new Report(out.toList(), leaf.get()));
    }

    /** One DER certificate or request; when it is neither, the error of the one its shape suggests. */
    private static Decoded<Report> der(byte[] input) {
        Lines asCertificate = new Lines();
        Decoded<Supplier<Decoded<Bytes>>> certificate = certificate(asCertificate, 1, 0, input);
        if (certificate.isOk()) {
            return report(asCertificate, certificate);
        }
        Lines asRequest = new Lines();
        Decoded<Supplier<Decoded<Bytes>>> request = request(asRequest, 1, 0, input);
        if (request.isOk() || DerShape.of(input).request()) {
            return report(asRequest, request);
        }
        return report(asCertificate, certificate);
    }

    private static Decoded<Report> report(Lines out, Decoded<Supplier<Decoded<Bytes>>> item) {
        return item.fold(reencoding -> Decoded.ok(new Report(out.toList(), reencoding)), Decoded::failed);
    }

    /** Shows certificate {@code n}; gives how to re-encode its extension, or why it is malformed. */
    private static Decoded<Supplier<Decoded<Bytes>>> certificate(Lines out, int n, int offset, byte[] der) {
        String field = CERTIFICATE + "[" + n + "]";
        X509CertificateHolder cert;
        try {
            cert = new X509CertificateHolder(der);
        } catch (IOException | RuntimeException e) {
            // BouncyCastle reports malformed ASN.1 with IOException and with assorted unchecked exceptions.
            return Decoded.failed(new DecodeError(offset, field, "not a certificate: " + e.getMessage()));
        }
        Lines fields = out.section(CERTIFICATE + " " + n);
        CertText.certificate(fields, cert);
        return extension(fields, field, Optional.ofNullable(cert.getExtension(CertExtension.OID)));
    }

    /** Shows certificate request {@code n}, like {@link #certificate}. */
    private static Decoded<Supplier<Decoded<Bytes>>> request(Lines out, int n, int offset, byte[] der) {
        String field = REQUEST + "[" + n + "]";
        PKCS10CertificationRequest csr;
        Extensions requested;
        try {
            csr = new PKCS10CertificationRequest(der);
            requested = csr.getRequestedExtensions();
        } catch (IOException | RuntimeException e) {
            // As for certificates: BouncyCastle's parse errors come in several types.
            return Decoded.failed(new DecodeError(offset, field, "not a certificate request: " + e.getMessage()));
        }
        Lines fields = out.section(REQUEST + " " + n);
        CertText.request(fields, csr);
        return extension(fields, field,
                Optional.ofNullable(requested == null ? null : requested.getExtension(CertExtension.OID)));
    }

    private static Decoded<Supplier<Decoded<Bytes>>> extension(Lines out, String field, Optional<Extension> found) {
        if (found.isEmpty()) {
            out.field("albatross-extension", "none");
            DecodeError none = new DecodeError(0, field, "no albatross extension to re-encode");
            return Decoded.ok(() -> Decoded.failed(none));
        }
        Extension extension = found.get();
        return CertExtension.decode(extension.getExtnValue().getOctets()).fold(value -> {
            DerInput.extension(out.titled("albatross-extension", extension.isCritical() ? "critical" : "non-critical"),
                    value);
            return Decoded.ok(() -> Decoded.ok(Bytes.wrap(CertExtension.encode(value))));
        }, e -> {
            DecodeError inner = FieldPath.once(e);
            return Decoded.failed(new DecodeError(inner.offset(), field + "." + inner.field(), inner.reason()));
        });
    }
}
