package dev.albatross.client.command;

import dev.albatross.client.ExitCode;
import dev.albatross.client.cert.Pem;
import dev.albatross.client.cert.SigningRequest;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.Command;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Optional;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * {@code --csr}: writes {@code <cn>.req}, a request carrying the command, and {@code <cn>.key} (mode 0400) if it
 * does not exist yet, for {@code sign} and later {@code certificate} (spec §10.2a).
 */
final class Csr {
    private final Session session;

    Csr(Session session) {
        this.session = session;
    }

    ExitCode run(Command command, Name name) {
        String cn = Session.certificateName(command, name);
        if (cn.equals(".") || cn.isEmpty()) {
            // Compat: Albatross fails here too, with "rename … to ." (vectors/README); we say why.
            session.log.error("error while creating CSR: the name '" + cn + "' cannot name the request's files");
            return ExitCode.CLI_ERROR;
        }
        try {
            KeyPair keys = KeyFiles.loadOrCreate(session.env.resolve(cn + ".key"), session.target.keyType,
                    session.env.random(), session.log);
            PKCS10CertificationRequest csr = SigningRequest.create(cn, Optional.of(command), keys,
                    session.env.random());
            Path req = session.env.resolve(cn + ".req");
            Files.writeString(req, Pem.encode("CERTIFICATE REQUEST", csr.getEncoded()), StandardCharsets.US_ASCII);
            return ExitCode.SUCCESS;
        } catch (IOException e) {
            session.log.error("error while creating CSR: " + e.getMessage());
            return ExitCode.CLI_ERROR;
        }
    }
}
