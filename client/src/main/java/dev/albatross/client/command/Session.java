package dev.albatross.client.command;

import dev.albatross.client.CliError;
import dev.albatross.client.ClientEnvironment;
import dev.albatross.client.ExitCode;
import dev.albatross.client.output.Log;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One run of a daemon command: the environment, the log, the destination, and {@link #jump} (Albatross's name),
 * which sends the command locally, remotely or into a CSR and reports the outcome as an exit status.
 */
final class Session {
    final ClientEnvironment env;
    final Log log;
    final TargetOptions target;
    final Destination destination;
    final DumpFiles files;

    Session(ClientEnvironment env, LogOptions logOptions, TargetOptions target) {
        this.env = env;
        this.log = logOptions.log(env.stdout());
        this.target = target;
        this.destination = target.destination();
        this.files = new DumpFiles(env.tempDir(), env.clock().instant());
    }

    /** A file to upload after the command, as a raw chunk stream compressed at {@code level}. */
    record Upload(Path file, int level) {
    }

    int jump(Command command, Name name) {
        return jump(command, name, Optional.empty()).code();
    }

    ExitCode jump(Command command, Name name, Optional<Upload> upload) {
        return switch (destination.kind()) {
            case LOCAL -> new Local(this).run(command, name, upload, ((Destination.Local) destination).socket());
            case REMOTE -> new Remote(this).run(command, name, upload, (Destination.Remote) destination);
            case CSR -> new Csr(this).run(command, name);
        };
    }

    /** One command and its single reply ({@code one_jump}); empty if that failed, the failure reported. */
    Optional<dev.albatross.protocol.wire.Wire> exchange(Command command, Name name) {
        return switch (destination.kind()) {
            case LOCAL -> new Local(this).exchange(command, name, ((Destination.Local) destination).socket());
            case REMOTE -> new Remote(this).exchange(command, name, (Destination.Remote) destination);
            case CSR -> Optional.empty();
        };
    }

    /** {@code --tmpdir}, which must be a directory if given (cmdliner's {@code dir}), else the default. */
    Path tmpdir() {
        if (target.tmpdir == null) {
            return Path.of(TargetOptions.DEFAULT_TMPDIR);
        }
        Path dir = env.resolve(target.tmpdir);
        if (!Files.isDirectory(dir)) {
            throw new CliError("option '--tmpdir': no '" + target.tmpdir + "' directory");
        }
        return dir;
    }

    /**
     * The common name of a remote or CSR certificate (spec §10.1): the path for policy commands, else the label
     * of a name at the root, {@code .} for the root itself; a name below the root is an error, because there the
     * path comes from the CA chain.
     */
    static String certificateName(Command command, Name name) {
        if (command.commandKind() == Command.Kind.POLICY) {
            return name.path().text();
        }
        if (!name.path().isRoot()) {
            throw new CliError("non-empty path");
        }
        return name.label().map(l -> l.value()).orElse(".");
    }
}
