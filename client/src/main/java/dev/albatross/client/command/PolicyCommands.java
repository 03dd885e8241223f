package dev.albatross.client.command;

import dev.albatross.client.ClientEnvironment;
import dev.albatross.client.ExitCode;
import dev.albatross.client.cert.PolicyCheck;
import dev.albatross.protocol.name.Path;
import dev.albatross.protocol.wire.Policy;
import dev.albatross.protocol.wire.PolicyCmd;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The policy commands: add-policy (alias replace-policy), remove-policy, policy (spec §10.2). */
final class PolicyCommands {
    private PolicyCommands() {
    }

    /** {@code add-policy}, and its alias {@code replace-policy} (2.7.0). */
    static final class Add extends DaemonCommand {
        private final String commandName;
        Path path;
        long unikernels;
        int memoryMb = 512;
        final List<Integer> cpus = new ArrayList<>();
        Integer block;
        final List<String> bridges = new ArrayList<>();

        Add(ClientEnvironment env, String commandName) {
            super(env);
            this.commandName = commandName;
        }

        @Override
        public Cli cli() {
            return cli(commandName, "Add or replace a policy.")
                    .positional("PATH", "Path of the policy.", v -> path = Converters.Paths.parse(v))
                    .positional("UNIKERNELS", "Most unikernels running at once.", v -> unikernels = Cli.integer(v))
                    .option("MB", "Memory to allow (default 512).", v -> memoryMb = Cli.integer(v), "--mem")
                    .option("ID", "Allowed CPU id (repeatable; default 0).", v -> cpus.add(Cli.integer(v)), "--cpu")
                    .option("MB", "Block storage to allow.", v -> block = Cli.integer(v), "--block", "--size")
                    .option("BRIDGE", "Allowed bridge (repeatable).", bridges::add, "--network", "--bridge");
        }

        @Override
        public int call() {
            Session session = session();
            List<Integer> cpuids = cpus.isEmpty() ? List.of(0) : cpus;
            if (new HashSet<>(bridges).size() != bridges.size()) {
                session.log.warn("Bridges is not a set");
            }
            if (new HashSet<>(cpuids).size() != cpuids.size()) {
                session.log.warn("CPUids is not a set");
            }
            Policy policy = new Policy(unikernels, cpuids, memoryMb,
                    block == null ? OptionalInt.empty() : OptionalInt.of(block), bridges);
            Optional<String> unusable = PolicyCheck.usable(policy);
            if (unusable.isPresent()) {
                session.log.error(unusable.get());
                return ExitCode.CLI_ERROR.code();
            }
            if (policy.bridges().isEmpty()) {
                session.log.warn("policy without any network access");
            }
            return session.jump(new PolicyCmd.Add(policy), path.asName());
        }
    }

    static final class Remove extends DaemonCommand {
        Path path = Path.ROOT;

        Remove(ClientEnvironment env) {
            super(env);
        }

        @Override
        public Cli cli() {
            return cli("remove-policy", "Removes a policy.").option("PATH", "Path of the policy (default: the root).",
                    v -> path = Converters.Paths.parse(v), "-p", "--path");
        }

        @Override
        public int call() {
            return session().jump(new PolicyCmd.Remove(), path.asName());
        }
    }

    static final class Show extends DaemonCommand {
        Path path = Path.ROOT;

        Show(ClientEnvironment env) {
            super(env);
        }

        @Override
        public Cli cli() {
            return cli("policy", "Show active policies.").option("PATH", "Path (default: the root, everything).",
                    v -> path = Converters.Paths.parse(v), "-p", "--path");
        }

        @Override
        public int call() {
            return session().jump(new PolicyCmd.Info(), path.asName());
        }
    }
}
