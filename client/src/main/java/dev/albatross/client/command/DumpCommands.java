package dev.albatross.client.command;

import dev.albatross.client.CliError;
import dev.albatross.client.ClientEnvironment;
import dev.albatross.client.ExitCode;
import dev.albatross.client.output.Log;
import dev.albatross.client.output.OcamlText;
import dev.albatross.client.output.UnikernelText;
import dev.albatross.client.transport.Zlib;
import dev.albatross.protocol.der.Decoded;
import dev.albatross.protocol.name.Label;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.state.StateFile;
import dev.albatross.protocol.state.StateFileCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.zip.DataFormatException;

/** The local state file tools: inspect-dump and extract-dump (spec §10.2). */
final class DumpCommands {
    /** Albatross's default dbdir on Linux. */
    static final String DEFAULT_DBDIR = "/var/lib/albatross";

    private DumpCommands() {
    }

    /** What both tools share: {@code --file} (a bare name is under {@code --dbdir}) and reading it. */
    abstract static class StateCommand implements ClientCommand {
        final LogOptions logOptions = new LogOptions();
        String file;
        String dbdir;
        final ClientEnvironment env;

        StateCommand(ClientEnvironment env) {
            this.env = env;
        }

        Cli cli(String name, String description) {
            Cli cli = new Cli(name, description);
            logOptions.declare(cli);
            return cli.option("FILE", "State file (a bare name is under the dbdir; default: state).", v -> file = v,
                            "--file")
                    .option("DIR", "Albatross database directory (default: " + DEFAULT_DBDIR + ").",
                            v -> dbdir = v, "--dbdir");
        }

        Path stateFile() {
            Path db = Path.of(DEFAULT_DBDIR);
            if (dbdir != null) {
                db = env.resolve(dbdir);
                if (!Files.isDirectory(db)) {
                    throw new CliError("option '--dbdir': no '" + dbdir + "' directory");
                }
            }
            String name = file == null ? "state" : file;
            return name.contains("/") ? env.resolve(name) : db.resolve(name);
        }

        /** The parsed state, or empty after saying why not. */
        Optional<StateFile> read(Log log) {
            Path state = stateFile();
            byte[] data;
            try {
                data = Files.readAllBytes(state);
            } catch (NoSuchFileException e) {
                log.error("dump file not found");
                return Optional.empty();
            } catch (IOException e) {
                log.error("error while reading dump file: " + e.getMessage());
                return Optional.empty();
            }
            Decoded<StateFile> decoded = StateFileCodec.decode(data);
            if (decoded instanceof Decoded.Failed<StateFile> f) {
                log.error("couldn't parse dump file: " + f.error().message());
                return Optional.empty();
            }
            return Optional.of(((Decoded.Ok<StateFile>) decoded).value());
        }
    }

    /** Trie order ({@code Vmm_trie.all}): parents before children, children by label. */
    static final Comparator<Name> TRIE_ORDER = (a, b) -> {
        List<Label> x = a.labels();
        List<Label> y = b.labels();
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            int c = x.get(i).compareTo(y.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    };

    static final class Inspect extends StateCommand {
        Inspect(ClientEnvironment env) {
            super(env);
        }

        @Override
        public Cli cli() {
            return cli("inspect-dump", "Inspects an albatross dump file.");
        }

        @Override
        public int call() {
            Log log = logOptions.log(env.stdout());
            Optional<StateFile> state = read(log);
            if (state.isEmpty()) {
                return ExitCode.CLI_ERROR.code();
            }
            List<StateFile.NamedUnikernel> unikernels = new ArrayList<>(state.get().unikernels());
            unikernels.sort(Comparator.comparing(StateFile.NamedUnikernel::name, TRIE_ORDER));
            log.app("parsed " + unikernels.size() + " unikernels:");
            for (StateFile.NamedUnikernel u : unikernels) {
                log.app(p -> {
                    p.text(OcamlText.name(u.name()) + ": ");
                    UnikernelText.config(p, u.config(), false);
                });
            }
            List<StateFile.NamedPolicy> policies = new ArrayList<>(state.get().policies());
            policies.sort(Comparator.comparing(StateFile.NamedPolicy::name, TRIE_ORDER));
            log.app("parsed " + policies.size() + " policies:");
            for (StateFile.NamedPolicy p : policies) {
                log.app(OcamlText.name(p.name()) + ": " + UnikernelText.policy(p.policy()));
            }
            return ExitCode.SUCCESS.code();
        }
    }

    static final class Extract extends StateCommand {
        Name name;

        Extract(ClientEnvironment env) {
            super(env);
        }

        @Override
        public Cli cli() {
            return cli("extract-dump", "Extracts a unikernel from an albatross dump file: the image to disk, the "
                    + "configuration printed.").positional("UNIKERNEL-NAME", "Name of the unikernel.",
                    v -> name = Converters.Names.parse(v));
        }

        @Override
        public int call() {
            Log log = logOptions.log(env.stdout());
            Optional<StateFile> state = read(log);
            if (state.isEmpty()) {
                return ExitCode.CLI_ERROR.code();
            }
            Optional<StateFile.NamedUnikernel> found = state.get().unikernels().stream()
                    .filter(u -> u.name().labels().equals(name.labels())).findFirst();
            if (found.isEmpty()) {
                log.error("unikernel not found");
                return ExitCode.CLI_ERROR.code();
            }
            var config = found.get().config();
            Path out = new DumpFiles(env.tempDir(), env.clock().instant()).file(name);
            try {
                byte[] image = config.image().toByteArray();
                if (config.compressed()) {
                    image = Zlib.uncompress(image);
                }
                Files.write(out, image);
                log.app("dumped image to " + out);
            } catch (IOException | DataFormatException e) {
                log.error("failed to write image: " + e.getMessage());
            }
            log.app(p -> UnikernelText.config(p, config, true));
            return ExitCode.SUCCESS.code();
        }
    }
}
