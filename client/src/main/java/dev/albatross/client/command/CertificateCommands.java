package dev.albatross.client.command;

import dev.albatross.client.CliError;
import dev.albatross.client.ClientEnvironment;
import dev.albatross.client.ExitCode;
import dev.albatross.client.cert.Issuer;
import dev.albatross.client.cert.KeyType;
import dev.albatross.client.cert.LeafCertificate;
import dev.albatross.client.cert.Pem;
import dev.albatross.client.cert.SigningRequest;
import dev.albatross.client.output.Log;
import dev.albatross.client.transport.Endpoint;
import dev.albatross.protocol.der.Decoded;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.x509.CertExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The certificate tools (spec §10.2, §10.2a): {@code certificate} runs a prepared certificate's command,
 * {@code sign} signs a request, {@code generate} creates a CA and a server certificate.
 */
final class CertificateCommands {
    private CertificateCommands() {
    }

    static final class Execute implements ClientCommand {
        final LogOptions logOptions = new LogOptions();
        Destination.Remote destination;
        String serverCa = "cacert.pem";
        String cert;
        String key;
        private final ClientEnvironment env;

        Execute(ClientEnvironment env) {
            this.env = env;
        }

        @Override
        public Cli cli() {
            Cli cli = new Cli("certificate", "Executes the command of the client certificate.");
            logOptions.declare(cli);
            return cli.positional("CERT", "Certificate chain, the leaf first.", v -> cert = v)
                    .positional("KEY", "The leaf's private key.", v -> key = v)
                    .option("HOST[:PORT]", "Remote albatross-tls-endpoint (port 1025 by default).",
                            v -> destination = HostPort.parse(v), "-d", "--destination")
                    .option("FILE", "CA the server's certificate must chain to (default: cacert.pem).",
                            v -> serverCa = v, "--server-ca");
        }

        @Override
        public int call() {
            if (destination == null) {
                throw new CliError("no destination provided");
            }
            TargetOptions target = new TargetOptions();
            target.destination = destination;
            target.serverCa = serverCa;
            target.keyType = KeyType.ED25519;
            Session session = new Session(env, logOptions, target);
            LeafCertificate.Ca prepared = Remote.readCa(env.resolve(cert), env.resolve(key));
            List<X509Certificate> certs = new java.util.ArrayList<>();
            certs.add(prepared.cert());
            certs.addAll(prepared.chain());
            Endpoint.ReplyMode mode = modeOf(prepared.cert());
            return Remote.connectAndRun(session, new LeafCertificate.Chain(certs, prepared.key()), destination, mode,
                    Optional.empty(), Name.ROOT).code();
        }

        /** The reply mode of the leaf's command; a certificate without a readable one is read to the end. */
        private static Endpoint.ReplyMode modeOf(X509Certificate leaf) {
            byte[] ext = leaf.getExtensionValue(CertExtension.OID.getId());
            if (ext == null) {
                return Endpoint.ReplyMode.READ;
            }
            Decoded<CertExtension.Value> v = CertExtension.decode(
                    org.bouncycastle.asn1.ASN1OctetString.getInstance(ext).getOctets());
            return v.fold(value -> Endpoint.of(value.command()).mode(), e -> Endpoint.ReplyMode.READ);
        }
    }

    static final class Sign implements ClientCommand {
        final LogOptions logOptions = new LogOptions();
        String caCert;
        String db;
        String caKey;
        String csr;
        Integer days;
        private final ClientEnvironment env;

        Sign(ClientEnvironment env) {
            this.env = env;
        }

        @Override
        public Cli cli() {
            Cli cli = new Cli("sign", "Sign a certificate signing request.");
            logOptions.declare(cli);
            return cli.positional("CACERT", "File name of the CA certificate.", v -> caCert = v)
                    .positional("DB", "Database file.", v -> db = v)
                    .positional("KEY", "Private key of the CA.", v -> caKey = v)
                    .positional("CSR", "Signing request.", v -> csr = v)
                    .option("N", "Validity in days (default: 365 for CAs and host certificates, 1 for commands).",
                            v -> days = Cli.integer(v), "--days");
        }

        @Override
        public int call() {
            Log log = logOptions.log(env.stdout());
            for (String f : List.of(caCert, caKey, csr)) {
                if (!Files.isRegularFile(env.resolve(f))) {
                    throw new CliError("no '" + f + "' file or directory");
                }
            }
            try {
                X509Certificate ca = Pem.certificates(Remote.read(env.resolve(caCert))).get(0);
                var key = Pem.privateKey(Remote.read(env.resolve(caKey)));
                PKCS10CertificationRequest request = Pem.request(Remote.read(env.resolve(csr)));
                Optional<String> problem = new CsrSigner(env, log).sign(env.resolve(db), ca, key, request,
                        Optional.ofNullable(days));
                if (problem.isPresent()) {
                    log.error("error while signing: " + problem.get());
                    return ExitCode.CLI_ERROR.code();
                }
                return ExitCode.SUCCESS.code();
            } catch (IOException e) {
                log.error("error while signing: " + e.getMessage());
                return ExitCode.CLI_ERROR.code();
            }
        }
    }

    static final class Generate implements ClientCommand {
        final LogOptions logOptions = new LogOptions();
        String name;
        String db;
        int days = 3650;
        String server = "server";
        int serverDays = 365;
        KeyType keyType = KeyType.ED25519;
        private final ClientEnvironment env;

        Generate(ClientEnvironment env) {
            this.env = env;
        }

        @Override
        public Cli cli() {
            Cli cli = new Cli("generate", "Generates a certificate authority.");
            logOptions.declare(cli);
            return cli.positional("NAME", "Name of the CA.", v -> name = v)
                    .positional("DB", "Database file.", v -> db = v)
                    .option("N", "CA validity (default 3650 days).", v -> days = Cli.integer(v), "--days")
                    .option("NAME", "Server name (default: server); put the host name here for host name checks.",
                            v -> server = v, "--server")
                    .option("N", "Server certificate validity (default 365 days).", v -> serverDays = Cli.integer(v),
                            "--server-days")
                    .option("TYPE", "rsa2048, rsa4096, ed25519 (default), p256, p384 or p521.",
                            v -> keyType = TargetOptions.keyType(v), "--key-type");
        }

        @Override
        public int call() {
            Log log = logOptions.log(env.stdout());
            try {
                KeyPair caKeys = KeyFiles.loadOrCreate(env.resolve(name + ".key"), keyType, env.random(), log);
                X500Name caName = SigningRequest.commonName(name);
                SubjectPublicKeyInfo caPub = SubjectPublicKeyInfo.getInstance(caKeys.getPublic().getEncoded());
                Issuer.Signer signer = new Issuer.Signer(caName, caKeys.getPrivate(), caPub);
                X509Certificate ca = Issuer.issue(new Issuer.Request(caName, caPub,
                                dev.albatross.client.cert.Profile.CA.extensions(), false, Duration.ofDays(days)),
                        signer, env.clock().instant(), env.random());
                write(env.resolve("cacert.pem"), Pem.certificate(ca));
                KeyPair serverKeys = KeyFiles.loadOrCreate(env.resolve(server + ".key"), keyType, env.random(),
                        log);
                X509Certificate cert = Issuer.issue(new Issuer.Request(SigningRequest.commonName(server),
                                SubjectPublicKeyInfo.getInstance(serverKeys.getPublic().getEncoded()),
                                dev.albatross.client.cert.Profile.SERVER.extensions(), true,
                                Duration.ofDays(serverDays)),
                        signer, env.clock().instant(), env.random());
                appendDb(env.resolve(db), cert, server);
                write(env.resolve(server + ".pem"), Pem.certificate(cert));
                return ExitCode.SUCCESS.code();
            } catch (IOException e) {
                log.error("error while generating: " + e.getMessage());
                return ExitCode.CLI_ERROR.code();
            }
        }
    }

    static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }

    /** The signing database: one line {@code <serial hex> <CN>} per issued certificate. */
    static void appendDb(Path db, X509Certificate cert, String cn) throws IOException {
        Files.writeString(db, Issuer.serialHex(cert) + " " + cn + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }
}
