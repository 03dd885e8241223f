package dev.albatross.client.command;

import dev.albatross.client.ClientEnvironment;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.StatsCmd;
import java.util.ArrayList;
import java.util.List;

/** The statistics commands: stats, stats-add, stats-remove (spec §10.2). */
final class StatsCommands {
    private StatsCommands() {
    }

    static final class Subscribe extends DaemonCommand {
        Name name = Name.ROOT;

        Subscribe(ClientEnvironment env) {
            super(env);
        }

        @Override
        public Cli cli() {
            return cli("stats", "Statistics of unikernel.").option("NAME", "Unikernel or path (default: everything).",
                    v -> name = Converters.Names.parse(v), "-n", "--name");
        }

        @Override
        public int call() {
            return session().jump(new StatsCmd.Subscribe(), name);
        }
    }

    static final class Add extends DaemonCommand {
        int pid;
        String vmmdev;
        final List<StatsCmd.Interface> bridges = new ArrayList<>();
        Name name = Name.ROOT;

        Add(ClientEnvironment env) {
            super(env);
        }

        @Override
        public Cli cli() {
            return cli("stats-add", "Add unikernel to statistics gathering.")
                    .positional("PID", "Process to monitor.", v -> pid = Cli.integer(v))
                    .option("NAME", "VMM device (/dev/vmm/NAME).", v -> vmmdev = v, "--vmmdev")
                    .option("BRIDGE:TAP", "Interface and tap device (repeatable).",
                            v -> bridges.add(Converters.BridgeTaps.parse(v)), "--bridge")
                    .option("NAME", "Name to register under (default: the root).",
                            v -> name = Converters.Names.parse(v), "-n", "--name");
        }

        @Override
        public int call() {
            return session().jump(new StatsCmd.Add(vmmdev == null ? "" : vmmdev, pid, bridges), name);
        }
    }

    static final class Remove extends DaemonCommand {
        Name name = Name.ROOT;

        Remove(ClientEnvironment env) {
            super(env);
        }

        @Override
        public Cli cli() {
            return cli("stats-remove", "Remove statistics of unikernel.").option("NAME", "Name (default: the root).",
                    v -> name = Converters.Names.parse(v), "-n", "--name");
        }

        @Override
        public int call() {
            return session().jump(new StatsCmd.Remove(), name);
        }
    }
}
