package dev.albatross.client.command;

import dev.albatross.client.ClientEnvironment;

/**
 * What every daemon subcommand shares: logging and destination options, and a {@link Session} to send its
 * command in. Subclasses declare and build the command from their own arguments.
 */
abstract class DaemonCommand implements ClientCommand {
    final LogOptions logOptions = new LogOptions();
    final TargetOptions target = new TargetOptions();
    final ClientEnvironment env;

    DaemonCommand(ClientEnvironment env) {
        this.env = env;
    }

    /** A {@link Cli} with the shared options; subclasses add their own. */
    Cli cli(String name, String description) {
        Cli cli = new Cli(name, description);
        logOptions.declare(cli);
        target.declare(cli);
        return cli;
    }

    Session session() {
        return new Session(env, logOptions, target);
    }
}
