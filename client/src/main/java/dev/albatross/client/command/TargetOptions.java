package dev.albatross.client.command;

import dev.albatross.client.CliError;
import dev.albatross.client.cert.KeyType;
import java.util.Optional;

/**
 * The options every daemon command takes (spec §10.1): where to send it ({@code --socket}, {@code --destination},
 * {@code --csr}, exclusive), the certificates for remote use, the key type, and {@code --tmpdir}.
 */
final class TargetOptions {
    /** Albatross's default tmpdir on Linux. */
    static final String DEFAULT_TMPDIR = "/run/albatross";

    String socket;
    Destination.Remote destination;
    boolean csr;
    String ca = "ca.pem";
    String caKey = "ca.key";
    String serverCa = "cacert.pem";
    KeyType keyType = KeyType.ED25519;
    String tmpdir;

    void declare(Cli cli) {
        cli.option("SOCKET", "Local Unix socket to connect to ('-': print the encoded command instead).",
                        v -> socket = v, "--socket")
                .option("HOST[:PORT]", "Remote albatross-tls-endpoint (port 1025 by default; '-': print the chain).",
                        v -> destination = HostPort.parse(v), "-d", "--destination")
                .flag("Write a certificate signing request instead of running the command.", () -> csr = true,
                        "--csr")
                .option("FILE", "Certificate (and chain) of the CA issuing the certificate (default: ca.pem).",
                        v -> ca = v, "--ca")
                .option("FILE", "Private key of that CA (default: ca.key).", v -> caKey = v, "--ca-key")
                .option("FILE", "CA the server's certificate must chain to (default: cacert.pem).",
                        v -> serverCa = v, "--server-ca")
                .option("TYPE", "Key type to generate: rsa2048, rsa4096, ed25519 (default), p256, p384 or p521.",
                        v -> keyType = keyType(v), "--key-type")
                .option("DIR", "Albatross temporary directory (default: " + DEFAULT_TMPDIR + ").",
                        v -> tmpdir = v, "--tmpdir");
    }

    /** The one destination these options name; more than one is a usage error, as in Albatross. */
    Destination destination() {
        int given = (csr ? 1 : 0) + (destination != null ? 1 : 0) + (socket != null ? 1 : 0);
        if (given > 1) {
            throw new CliError("The options --csr, --destination, and --socket are mutually exclusive");
        }
        if (csr) {
            return new Destination.Csr();
        }
        if (destination != null) {
            return destination;
        }
        return new Destination.Local(Optional.ofNullable(socket));
    }

    /** The compression level: {@code --compression-level}, else 0 locally and 9 remotely or in a CSR. */
    static int compression(Integer option, Destination d) {
        if (option != null) {
            if (option < 0 || option > 9) {
                throw new CliError("option '--compression-level': " + option + " is not between 0 and 9");
            }
            return option;
        }
        return d.kind() == Destination.Kind.LOCAL ? 0 : 9;
    }

    /** Parses {@code --key-type}. */
    static KeyType keyType(String value) {
        for (KeyType t : KeyType.values()) {
            if (t.optionName().equals(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException("invalid value '" + value
                + "', expected one of 'rsa2048', 'rsa4096', 'ed25519', 'p256', 'p384' or 'p521'");
    }
}
