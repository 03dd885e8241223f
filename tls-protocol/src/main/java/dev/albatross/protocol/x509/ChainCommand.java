package dev.albatross.protocol.x509;

import dev.albatross.protocol.der.Decoded;
import dev.albatross.protocol.name.Label;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.name.Path;
import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.PolicyCmd;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * What a validated client chain asks for (spec §6.3): the name to act on, the policies of the intermediate CAs
 * (deepest first, the order in which the endpoint installs them), the extension's wire version and the command.
 *
 * <pre>
 *   path:  leaf CN=hello [create]  &lt;-  CA CN=team [policy q]  &lt;-  CA CN=user [policy p]  &lt;-  (root CA)
 *   name:  user:team:hello      policies: [(user:team, q), (user, p)]      command: create
 * </pre>
 */
public record ChainCommand(Name name, List<ChainPolicy> policies, int version, Command command) {
    /** {@code Vmm_tls.handle}: a validated chain of 10 or more certificates is refused. */
    public static final int MAX_PATH_LENGTH = 9;

    public ChainCommand {
        Objects.requireNonNull(name, "name");
        policies = List.copyOf(policies);
        Objects.requireNonNull(command, "command");
    }

    /**
     * Validates {@code presented} at {@code now} with {@code validator}, then {@link #derive derives} the command
     * from the validated path: everything the endpoint decides before it talks to a daemon.
     */
    public static ChainOutcome<ChainCommand> authorize(ChainValidator validator, List<X509CertificateHolder> presented,
            Instant now) {
        return validator.validate(presented, now).then(ChainCommand::derive);
    }

    /**
     * Derives the command from a validated path (leaf first, the trusted CA excluded), as {@code Vmm_tls.handle}
     * does, then checks that each policy is within the one above it ({@link ChainPolicyRules#delegation}).
     * Intermediates without the Albatross extension are skipped (their common names are not part of the path).
     */
    public static ChainOutcome<ChainCommand> derive(List<X509CertificateHolder> path) {
        if (path.isEmpty()) {
            return ChainOutcome.refused(ChainRefusal.Reason.EMPTY_CHAIN, "empty chain");
        }
        if (path.size() > MAX_PATH_LENGTH) {
            return ChainOutcome.refused(ChainRefusal.Reason.CHAIN_TOO_LONG, "certificate chain too long ("
                    + path.size() + " certificates, at most " + MAX_PATH_LENGTH + ")");
        }
        Path prefix = Path.ROOT;
        List<ChainPolicy> policies = new ArrayList<>();
        for (int i = path.size() - 1; i >= 1; i--) {
            X509CertificateHolder ca = path.get(i);
            Optional<Decoded<CertExtension.Value>> extension = CertExtension.read(ca);
            if (extension.isEmpty()) {
                continue;
            }
            if (extension.get() instanceof Decoded.Failed<CertExtension.Value> failed) {
                return badExtension(ca, failed);
            }
            Command command = extension.get().orElseThrow().command();
            if (!(command instanceof PolicyCmd.Add add)) {
                return ChainOutcome.refused(ChainRefusal.Reason.UNEXPECTED_COMMAND, ChainProfile.describe(ca)
                        + ": unexpected wire " + ChainCommands.describe(command) + " in an intermediate certificate");
            }
            Optional<String> cn = ChainProfile.commonName(ca);
            if (cn.isEmpty()) {
                // Compat §13.2 #20: Albatross's cert_name refuses this too ("policy add may not have an empty
                // name"), so a CN-less policy CA can never install a policy at the root path.
                return ChainOutcome.refused(ChainRefusal.Reason.EMPTY_NAME, ChainProfile.describe(ca)
                        + ": policy add may not have an empty name");
            }
            Optional<Label> label = Label.parse(cn.get());
            if (label.isEmpty()) {
                return badName(ca, cn.get());
            }
            prefix = prefix.append(label.get());
            policies.add(0, new ChainPolicy(prefix, add.policy()));
        }
        return leaf(path.get(0), prefix, policies);
    }

    private static ChainOutcome<ChainCommand> leaf(X509CertificateHolder leaf, Path prefix,
            List<ChainPolicy> policies) {
        Optional<Decoded<CertExtension.Value>> extension = CertExtension.read(leaf);
        if (extension.isEmpty()) {
            return ChainOutcome.refused(ChainRefusal.Reason.NO_COMMAND,
                    "leaf certificate does not contain an albatross extension");
        }
        if (extension.get() instanceof Decoded.Failed<CertExtension.Value> failed) {
            return badExtension(leaf, failed);
        }
        CertExtension.Value value = extension.get().orElseThrow();
        Optional<String> cn = ChainProfile.commonName(leaf);
        Name name;
        if (cn.isEmpty()) {
            Optional<String> empty = ChainCommands.emptyNameRefusal(value.command());
            if (empty.isPresent()) {
                return ChainOutcome.refused(ChainRefusal.Reason.EMPTY_NAME, empty.get());
            }
            name = prefix.asName();
        } else if (cn.get().equals(".") || cn.get().equals(":")) {
            name = prefix.asName();
        } else {
            Optional<Label> label = Label.parse(cn.get());
            if (label.isEmpty()) {
                return badName(leaf, cn.get());
            }
            name = Name.of(prefix, label.get());
        }
        if (!ChainCommands.allowedInLeaf(value.command())) {
            return ChainOutcome.refused(ChainRefusal.Reason.UNEXPECTED_COMMAND, "unexpected command "
                    + ChainCommands.describe(value.command()) + " in the leaf certificate");
        }
        Optional<ChainRefusal> escalation = ChainPolicyRules.delegation(policies);
        if (escalation.isPresent()) {
            return ChainOutcome.refused(escalation.get());
        }
        return ChainOutcome.accepted(new ChainCommand(name, policies, value.version(), value.command()));
    }

    private static <T> ChainOutcome<T> badExtension(X509CertificateHolder cert,
            Decoded.Failed<CertExtension.Value> failed) {
        return ChainOutcome.refused(ChainRefusal.Reason.BAD_EXTENSION, ChainProfile.describe(cert)
                + ": couldn't parse albatross extension: " + failed.error().message());
    }

    private static <T> ChainOutcome<T> badName(X509CertificateHolder cert, String cn) {
        return ChainOutcome.refused(ChainRefusal.Reason.BAD_NAME, ChainProfile.describe(cert)
                + ": common name \"" + ChainCommands.printable(cn) + "\" is not a valid label (1 to 63 of a-z, A-Z, 0-9, "
                + "'-', '.', not starting with '-')");
    }
}
