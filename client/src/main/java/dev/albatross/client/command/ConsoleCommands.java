package dev.albatross.client.command;

import dev.albatross.client.ClientEnvironment;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.name.Path;
import dev.albatross.protocol.wire.ConsoleCmd;
import java.time.Instant;

/** The console commands: console, inactive-consoles (spec §10.2). */
final class ConsoleCommands {
    private ConsoleCommands() {
    }

    static final class Subscribe extends DaemonCommand {
        Name name;
        Instant since;
        int count = 20;

        Subscribe(ClientEnvironment env) {
            super(env);
        }

        @Override
        public Cli cli() {
            return cli("console", "Displays the console output of a unikernel.")
                    .positional("UNIKERNEL-NAME", "Name of the unikernel.", v -> name = Converters.Names.parse(v))
                    .option("TIMESTAMP", "Lines since this RFC 3339 time (a date alone means midnight UTC).",
                            v -> since = Converters.Timestamps.convert(v), "--since")
                    .option("N", "The last N lines (default 20; ignored with --since).", v -> count = Cli.integer(v),
                            "--count");
        }

        @Override
        public int call() {
            ConsoleCmd cmd = since != null ? new ConsoleCmd.SubscribeSince(since)
                    : new ConsoleCmd.SubscribeCount(count);
            return session().jump(cmd, name);
        }
    }

    static final class Inactive extends DaemonCommand {
        Path path = Path.ROOT;

        Inactive(ClientEnvironment env) {
            super(env);
        }

        @Override
        public Cli cli() {
            return cli("inactive-consoles", "Displays the inactive consoles.").option("PATH",
                    "Path (default: the root).", v -> path = Converters.Paths.parse(v), "-p", "--path");
        }

        @Override
        public int call() {
            return session().jump(new ConsoleCmd.ListInactive(), path.asName());
        }
    }
}
