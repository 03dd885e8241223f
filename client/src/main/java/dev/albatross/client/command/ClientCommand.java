package dev.albatross.client.command;

/** One subcommand: its arguments, declared into a {@link Cli}, and running it once they are parsed. */
interface ClientCommand {
    /** The command's name, description, options and arguments, bound to this object's fields. */
    Cli cli();

    /** Runs the command; the exit status. */
    int call();
}
