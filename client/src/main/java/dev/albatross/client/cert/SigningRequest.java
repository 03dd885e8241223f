package dev.albatross.client.cert;

import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.x509.CertExtension;
import java.security.KeyPair;
import java.security.SecureRandom;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * PKCS#10 requests as {@code X509.Signing_request.create} makes them: subject {@code CN=<name>} (UTF8String),
 * and, for a command, an {@code extensionRequest} attribute holding only the non-critical albatross extension
 * (spec §6.2).
 */
public final class SigningRequest {
    private SigningRequest() {
    }

    /** The distinguished name {@code CN=<cn>}, a single RDN. */
    public static X500Name commonName(String cn) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, cn).build();
    }

    /** A request for {@code cn}, carrying {@code command} if present, signed with {@code keys}. */
    public static PKCS10CertificationRequest create(String cn, java.util.Optional<Command> command, KeyPair keys,
                                                    SecureRandom random) {
        PKCS10CertificationRequestBuilder builder =
                new JcaPKCS10CertificationRequestBuilder(commonName(cn), keys.getPublic());
        command.ifPresent(c -> builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest,
                CertExtension.extensionRequest(c)));
        try {
            return builder.build(new JcaContentSignerBuilder(KeyType.signatureAlgorithm(keys.getPrivate()))
                    .setSecureRandom(random).build(keys.getPrivate()));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("signing a request with a fresh key failed", e);
        }
    }

    /** Whether the request is signed by the key it carries (x509 checks this before signing). */
    public static boolean signatureValid(PKCS10CertificationRequest csr) {
        try {
            return csr.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .build(csr.getSubjectPublicKeyInfo()));
        } catch (OperatorCreationException | PKCSException e) {
            return false; // an unknown algorithm or a malformed key cannot have signed it
        }
    }

    /** The request's common name, if it has one. */
    public static java.util.Optional<String> commonName(PKCS10CertificationRequest csr) {
        var rdns = csr.getSubject().getRDNs(BCStyle.CN);
        if (rdns.length == 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(rdns[rdns.length - 1].getFirst().getValue().toString());
    }
}
