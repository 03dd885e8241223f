package dev.albatross.client.command;

import dev.albatross.client.CliError;
import dev.albatross.client.ClientEnvironment;
import dev.albatross.client.transport.Zlib;
import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.Typ;
import dev.albatross.protocol.wire.UnikernelCmd;
import dev.albatross.protocol.wire.UnikernelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/** The unikernel commands: create, restart, destroy, info, get (spec §10.2). */
final class UnikernelCommands {
    private UnikernelCommands() {
    }

    static final class Create extends DaemonCommand {
        Name name;
        String image;
        String typ = "solo5";
        boolean force;
        Integer compression;
        final ConfigOptions config = new ConfigOptions();

        Create(ClientEnvironment env) {
            super(env);
        }

        @Override
        public Cli cli() {
            Cli cli = cli("create", "Creates a unikernel.")
                    .positional("UNIKERNEL-NAME", "Name of the unikernel.", v -> name = Converters.Names.parse(v))
                    .positional("UNIKERNEL-IMAGE", "Image file.", v -> image = v)
                    .option("TYP", "solo5 (default) or bhyve.", v -> typ = v, "--typ")
                    .flag("Replace a running unikernel of the same name.", () -> force = true, "-f", "--force")
                    .option("N", "0-9 (default 0 locally, 9 remotely or in a CSR).",
                            v -> compression = Cli.integer(v), "--compression-level");
            config.declare(cli);
            return cli;
        }

        @Override
        public int call() {
            Typ t = switch (typ) {
                case "solo5" -> Typ.SOLO5;
                case "bhyve" -> Typ.BHYVE;
                default -> throw new CliError("option '--typ': invalid value '" + typ
                        + "', expected either 'bhyve' or 'solo5'");
            };
            Path file = env.resolve(image);
            if (!Files.isRegularFile(file)) {
                throw new CliError("UNIKERNEL-IMAGE argument: no '" + image + "' file or directory");
            }
            Session session = session();
            config.checkSets();
            int level = TargetOptions.compression(compression, session.destination);
            boolean compressed = false;
            Bytes bytes = Bytes.EMPTY;
            if (t == Typ.SOLO5) {
                byte[] data;
                try {
                    data = Files.readAllBytes(file);
                } catch (IOException e) {
                    throw new CliError(image + ": " + e.getMessage());
                }
                Manifest.require(data, config.blocks, config.nets);
                if (level > 0) {
                    data = Zlib.compress(data, level);
                    compressed = true;
                }
                bytes = Bytes.wrap(data);
            }
            UnikernelConfig c = UnikernelConfig.builder().typ(t).compressed(compressed).image(bytes)
                    .startup(config.startupPriority()).addName(!config.noAddName)
                    .failBehaviour(config.failBehaviour()).cpuids(config.cpuids()).memoryMb(config.memoryMb)
                    .blocks(config.blocks).bridges(config.nets).arguments(config.argv())
                    .cpus(OptionalInt.of(config.numCpus)).linuxBootPartition(Optional.ofNullable(config.linuxBoot))
                    .build();
            UnikernelCmd cmd = force ? new UnikernelCmd.ForceCreate(c) : new UnikernelCmd.Create(c);
            return session.jump(cmd, name);
        }
    }

    static final class Restart extends DaemonCommand {
        Name name;
        boolean replace;
        final ConfigOptions config = new ConfigOptions();

        Restart(ClientEnvironment env) {
            super(env);
        }

        @Override
        public Cli cli() {
            Cli cli = cli("restart", "Restarts a unikernel.")
                    .positional("UNIKERNEL-NAME", "Name of the unikernel.", v -> name = Converters.Names.parse(v))
                    .flag("Replace the arguments with the provided ones.", () -> replace = true,
                            "--replace-arguments");
            config.declare(cli);
            return cli;
        }

        @Override
        public int call() {
            Session session = session();
            if (!replace) {
                return session.jump(new UnikernelCmd.Restart(Optional.empty()), name);
            }
            config.checkSets();
            return session.jump(new UnikernelCmd.Restart(Optional.of(config.arguments())), name);
        }
    }

    static final class Destroy extends DaemonCommand {
        Name name;

        Destroy(ClientEnvironment env) {
            super(env);
        }

        @Override
        public Cli cli() {
            return cli("destroy", "Destroys a unikernel.")
                    .positional("UNIKERNEL-NAME", "Name of the unikernel.", v -> name = Converters.Names.parse(v));
        }

        @Override
        public int call() {
            return session().jump(new UnikernelCmd.Destroy(), name);
        }
    }

    static final class Info extends DaemonCommand {
        Name name = Name.ROOT;

        Info(ClientEnvironment env) {
            super(env);
        }

        @Override
        public Cli cli() {
            return cli("info", "Retrieve information about unikernels.")
                    .option("NAME", "Unikernel or path (default: everything).",
                            v -> name = Converters.Names.parse(v), "-n", "--name");
        }

        @Override
        public int call() {
            return session().jump(new UnikernelCmd.Info(), name);
        }
    }

    static final class Get extends DaemonCommand {
        Name name;
        Integer compression;

        Get(ClientEnvironment env) {
            super(env);
        }

        @Override
        public Cli cli() {
            return cli("get", "Download a running unikernel image to disk.")
                    .positional("UNIKERNEL-NAME", "Name of the unikernel.", v -> name = Converters.Names.parse(v))
                    .option("N", "0-9 (default 0 locally, 9 remotely or in a CSR).",
                            v -> compression = Cli.integer(v), "--compression-level");
        }

        @Override
        public int call() {
            Session session = session();
            return session.jump(new UnikernelCmd.Get(TargetOptions.compression(compression, session.destination)),
                    name);
        }
    }
}
