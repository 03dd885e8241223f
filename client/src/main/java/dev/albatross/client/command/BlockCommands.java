package dev.albatross.client.command;

import dev.albatross.client.CliError;
import dev.albatross.client.ClientEnvironment;
import dev.albatross.client.ExitCode;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.BlockCmd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The block device commands: block, create-block, set-block, dump-block, destroy-block (spec §10.2). */
final class BlockCommands {
    private BlockCommands() {
    }

    static Path existingFile(ClientEnvironment env, String file, String what) {
        Path p = env.resolve(file);
        if (!Files.isRegularFile(p)) {
            throw new CliError(what + ": no '" + file + "' file or directory");
        }
        return p;
    }

    static final class Info extends DaemonCommand {
        Name name = Name.ROOT;

        Info(ClientEnvironment env) {
            super(env);
        }

        @Override
        public Cli cli() {
            return cli("block", "Displays information about block devices.").option("NAME",
                    "Block device or path (default: everything).", v -> name = Converters.Names.parse(v), "--name");
        }

        @Override
        public int call() {
            return session().jump(new BlockCmd.Info(), name);
        }
    }

    static final class Create extends DaemonCommand {
        Name name;
        int sizeMb;
        String data;
        Integer compression;

        Create(ClientEnvironment env) {
            super(env);
        }

        @Override
        public Cli cli() {
            return cli("create-block", "Create a block device.")
                    .positional("BLOCK-NAME", "Name of the block device.", v -> name = Converters.Names.parse(v))
                    .positional("BLOCK-SIZE", "Size in MB.", v -> sizeMb = Cli.integer(v))
                    .option("FILE", "Initial content.", v -> data = v, "--data")
                    .option("N", "0-9 (default 0 locally, 9 remotely).", v -> compression = Cli.integer(v),
                            "--compression-level");
        }

        @Override
        public int call() {
            Optional<Path> file = Optional.ofNullable(data).map(d -> existingFile(env, d, "option '--data'"));
            if (file.isPresent()) {
                long bytes = (long) sizeMb << 20;
                if (bytes <= sizeMb) {
                    throw new CliError("overflow while computing bytes");
                }
                try {
                    if (bytes < Files.size(file.get())) {
                        throw new CliError("data exceeds size");
                    }
                } catch (IOException e) {
                    throw new CliError(data + ": " + e.getMessage());
                }
            }
            Session session = session();
            ExitCode added = session.jump(new BlockCmd.Add(sizeMb), name, Optional.empty());
            if (file.isEmpty()) {
                return added.code();
            }
            if (added != ExitCode.SUCCESS) {
                // Compat: Albatross sends the data even when the block could not be created, and would then
                // overwrite a block of the same name that already existed. We stop.
                return added.code();
            }
            int level = TargetOptions.compression(compression, session.destination);
            return session.jump(new BlockCmd.Set(level > 0), name,
                    Optional.of(new Session.Upload(file.get(), level))).code();
        }
    }

    static final class Set extends DaemonCommand {
        Name name;
        String data;
        Integer compression;

        Set(ClientEnvironment env) {
            super(env);
        }

        @Override
        public Cli cli() {
            return cli("set-block", "Overwrite a block device with provided data.")
                    .positional("BLOCK-NAME", "Name of the block device.", v -> name = Converters.Names.parse(v))
                    .positional("FILE", "Content.", v -> data = v)
                    .option("N", "0-9 (default 0 locally, 9 remotely).", v -> compression = Cli.integer(v),
                            "--compression-level");
        }

        @Override
        public int call() {
            Path file = existingFile(env, data, "FILE argument");
            Session session = session();
            int level = TargetOptions.compression(compression, session.destination);
            return session.jump(new BlockCmd.Set(level > 0), name,
                    Optional.of(new Session.Upload(file, level))).code();
        }
    }

    static final class Dump extends DaemonCommand {
        Name name;
        Integer compression;

        Dump(ClientEnvironment env) {
            super(env);
        }

        @Override
        public Cli cli() {
            return cli("dump-block", "Dump data of a block device.")
                    .positional("BLOCK-NAME", "Name of the block device.", v -> name = Converters.Names.parse(v))
                    .option("N", "0-9 (default 0 locally, 9 remotely).", v -> compression = Cli.integer(v),
                            "--compression-level");
        }

        @Override
        public int call() {
            Session session = session();
            return session.jump(new BlockCmd.Dump(TargetOptions.compression(compression, session.destination)),
                    name);
        }
    }

    static final class Destroy extends DaemonCommand {
        Name name;

        Destroy(ClientEnvironment env) {
            super(env);
        }

        @Override
        public Cli cli() {
            return cli("destroy-block", "Destroy a block device.")
                    .positional("BLOCK-NAME", "Name of the block device.", v -> name = Converters.Names.parse(v));
        }

        @Override
        public int call() {
            return session().jump(new BlockCmd.Remove(), name);
        }
    }
}
