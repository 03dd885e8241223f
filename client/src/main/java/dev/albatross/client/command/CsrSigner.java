package dev.albatross.client.command;

import dev.albatross.client.ClientEnvironment;
import dev.albatross.client.cert.Issuer;
import dev.albatross.client.cert.LeafCertificate;
import dev.albatross.client.cert.Pem;
import dev.albatross.client.cert.PolicyCheck;
import dev.albatross.client.cert.Profile;
import dev.albatross.client.cert.SigningRequest;
import dev.albatross.client.output.CommandText;
import dev.albatross.client.output.Log;
import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.der.Decoded;
import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.Policy;
import dev.albatross.protocol.wire.PolicyCmd;
import dev.albatross.protocol.wire.UnikernelCmd;
import dev.albatross.protocol.x509.CertExtension;
import dev.albatross.protocol.x509.ChainPolicyRules;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * {@code sign_csr} (spec §6.2, §10.2a): the request's command decides the profile and default lifetime, after
 * the policy checks; the command is re-encoded at the current version rather than copied; the certificate goes to
 * {@code <CN>.pem} (followed by the CA certificate unless the CA is self-signed) and a line to the database.
 */
final class CsrSigner {
    private final ClientEnvironment env;
    private final Log log;

    CsrSigner(ClientEnvironment env, Log log) {
        this.env = env;
        this.log = log;
    }

    /** Signs; empty on success, else the reason ("error while signing: <reason>"). */
    Optional<String> sign(Path db, X509Certificate ca, PrivateKey caKey, PKCS10CertificationRequest csr,
                          Optional<Integer> days) throws IOException {
        log.app("signing certificate with subject " + osf(csr.getSubject()));
        Optional<Decoded<CertExtension.Value>> ext = CertExtension.read(csr);
        List<Profile.Ext> exts;
        int defaultDays;
        if (ext.isPresent()) {
            if (ext.get() instanceof Decoded.Failed<CertExtension.Value> f) {
                return Optional.of(f.error().message());
            }
            Command command = ((Decoded.Ok<CertExtension.Value>) ext.get()).value().command();
            Optional<Policy> caPolicy;
            try {
                caPolicy = LeafCertificate.policyOf(ca);
            } catch (IllegalArgumentException e) {
                return Optional.of(e.getMessage());
            }
            Profile profile = Profile.LEAF;
            defaultDays = 1;
            if (command instanceof PolicyCmd.Add add) {
                Optional<String> problem = PolicyCheck.usable(add.policy())
                        .or(() -> caPolicy.flatMap(sup -> ChainPolicyRules.notSmaller(sup, add.policy())));
                if (problem.isPresent()) {
                    return problem;
                }
                profile = Profile.CA;
                defaultDays = 365;
            } else if (command instanceof UnikernelCmd.Create c) {
                Optional<String> problem = caPolicy.flatMap(p -> PolicyCheck.fineWithPolicy(p, c.config()));
                if (problem.isPresent()) {
                    return problem;
                }
            } else if (command instanceof UnikernelCmd.ForceCreate c) {
                Optional<String> problem = caPolicy.flatMap(p -> PolicyCheck.fineWithPolicy(p, c.config()));
                if (problem.isPresent()) {
                    return problem;
                }
            }
            log.app(p -> CommandText.command(p.text("signing "), command, false));
            exts = new ArrayList<>(profile.extensions());
            exts.add(new Profile.Ext(CertExtension.OID, false, Bytes.wrap(CertExtension.encode(command))));
        } else {
            log.warn("signing certificate without albatross extension (e.g. host certificate)");
            exts = new ArrayList<>(Profile.SERVER.extensions());
            defaultDays = 365;
        }
        Optional<String> cn = SigningRequest.commonName(csr);
        if (cn.isEmpty()) {
            return Optional.of("couldn't find name (no common name in CSR subject)");
        }
        if (!SigningRequest.signatureValid(csr)) {
            return Optional.of("invalid signature on the signing request");
        }
        SubjectPublicKeyInfo caPub = SubjectPublicKeyInfo.getInstance(
                dev.albatross.client.cert.PublicKeys.of(caKey).getEncoded());
        Issuer.Signer signer = new Issuer.Signer(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
                caKey, caPub);
        X509Certificate cert = Issuer.issue(new Issuer.Request(csr.getSubject(), csr.getSubjectPublicKeyInfo(), exts,
                true, Duration.ofDays(days.orElse(defaultDays))), signer, env.clock().instant(), env.random());
        CertificateCommands.appendDb(db, cert, cn.get());
        String pem = Pem.certificate(cert);
        if (!ca.getSubjectX500Principal().equals(ca.getIssuerX500Principal())) {
            pem += Pem.certificate(ca);
        }
        CertificateCommands.write(env.resolve(cn.get() + ".pem"), pem);
        return Optional.empty();
    }

    /** {@code X509.Distinguished_name.pp}: the OSF form, {@code /CN=hello}. */
    static String osf(X500Name name) {
        StringBuilder s = new StringBuilder();
        for (var rdn : name.getRDNs()) {
            s.append('/');
            boolean first = true;
            for (var atv : rdn.getTypesAndValues()) {
                if (!first) {
                    s.append('+');
                }
                first = false;
                String type = org.bouncycastle.asn1.x500.style.BCStyle.INSTANCE.oidToDisplayName(atv.getType());
                s.append(type == null ? atv.getType().getId() : type).append('=')
                        .append(atv.getValue().toString().replace("/", "\\/"));
            }
        }
        return s.toString();
    }
}
