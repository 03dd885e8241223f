package dev.albatross.client.command;

import dev.albatross.client.CliError;
import dev.albatross.client.ClientEnvironment;
import dev.albatross.client.ErrorLine;
import dev.albatross.client.ExitCode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Every daemon and certificate subcommand, by name, in Albatross's order, and how one runs: its {@link Cli}
 * parses the arguments, then it runs. Errors end as cmdliner ends them: a usage error on standard error with
 * exit 124, a bug in one line with exit 125.
 */
public final class Subcommands {
    private Subcommands() {
    }

    /** The names, in the order of Albatross's command list ({@code replace-policy} after {@code add-policy}). */
    public static List<String> names() {
        return List.of("policy", "remove-policy", "add-policy", "replace-policy", "info", "get", "destroy",
                "create", "restart", "block", "create-block", "destroy-block", "set-block", "dump-block", "console",
                "inactive-consoles", "stats", "stats-add", "stats-remove", "update", "inspect-dump",
                "extract-dump", "certificate", "sign", "generate");
    }

    static Optional<ClientCommand> create(String name, ClientEnvironment env) {
        Function<ClientEnvironment, ClientCommand> f = switch (name) {
            case "policy" -> PolicyCommands.Show::new;
            case "remove-policy" -> PolicyCommands.Remove::new;
            case "add-policy" -> e -> new PolicyCommands.Add(e, "add-policy");
            case "replace-policy" -> e -> new PolicyCommands.Add(e, "replace-policy");
            case "info" -> UnikernelCommands.Info::new;
            case "get" -> UnikernelCommands.Get::new;
            case "destroy" -> UnikernelCommands.Destroy::new;
            case "create" -> UnikernelCommands.Create::new;
            case "restart" -> UnikernelCommands.Restart::new;
            case "block" -> BlockCommands.Info::new;
            case "create-block" -> BlockCommands.Create::new;
            case "destroy-block" -> BlockCommands.Destroy::new;
            case "set-block" -> BlockCommands.Set::new;
            case "dump-block" -> BlockCommands.Dump::new;
            case "console" -> ConsoleCommands.Subscribe::new;
            case "inactive-consoles" -> ConsoleCommands.Inactive::new;
            case "stats" -> StatsCommands.Subscribe::new;
            case "stats-add" -> StatsCommands.Add::new;
            case "stats-remove" -> StatsCommands.Remove::new;
            case "update" -> UpdateCommand::new;
            case "inspect-dump" -> DumpCommands.Inspect::new;
            case "extract-dump" -> DumpCommands.Extract::new;
            case "certificate" -> CertificateCommands.Execute::new;
            case "sign" -> CertificateCommands.Sign::new;
            case "generate" -> CertificateCommands.Generate::new;
            default -> null;
        };
        return f == null ? Optional.empty() : Optional.of(f.apply(env));
    }

    /** Runs subcommand {@code name} with {@code args} (those after its name); empty if there is no such command. */
    public static OptionalInt run(String name, List<String> args, ClientEnvironment env) {
        Optional<ClientCommand> command = create(name, env);
        if (command.isEmpty()) {
            return OptionalInt.empty();
        }
        Cli cli = command.get().cli();
        try {
            if (cli.parse(args)) {
                write(env.stdout(), cli.help());
                return OptionalInt.of(ExitCode.SUCCESS.code());
            }
        } catch (Cli.UsageException e) {
            write(env.stderr(), ErrorLine.of(e.getMessage()) + "\nUsage: albatross-client " + name
                    + " [OPTION]…" + positionals(cli) + "\nTry 'albatross-client " + name
                    + " --help' for more information.\n");
            return OptionalInt.of(ExitCode.CLI_ERROR.code());
        }
        try {
            return OptionalInt.of(command.get().call());
        } catch (CliError e) {
            write(env.stderr(), ErrorLine.of(e.getMessage()) + "\n");
            return OptionalInt.of(ExitCode.CLI_ERROR.code());
        }
    }

    private static String positionals(Cli cli) {
        StringBuilder s = new StringBuilder();
        cli.positionals().forEach(p -> s.append(' ').append(p.label()));
        return s.toString();
    }

    private static void write(OutputStream out, String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("writing the command's output", e);
        }
    }

    /** A picocli description of every subcommand, for the top-level help only (they never run through it). */
    public static void describeAll(CommandLine top, ClientEnvironment env) {
        for (String name : names()) {
            Cli cli = create(name, env).orElseThrow().cli();
            CommandSpec spec = CommandSpec.create().name(name);
            spec.usageMessage().description(cli.description());
            for (Cli.Opt o : cli.options()) {
                spec.addOption(OptionSpec.builder(o.names().toArray(new String[0])).paramLabel(o.label())
                        .arity(o.takesValue() ? "1" : "0").type(o.takesValue() ? String.class : boolean.class)
                        .description(o.help()).build());
            }
            int i = 0;
            for (Cli.Pos p : cli.positionals()) {
                spec.addPositional(PositionalParamSpec.builder().index(Integer.toString(i++)).paramLabel(p.label())
                        .description(p.help()).build());
            }
            top.addSubcommand(name, new CommandLine(spec));
        }
    }
}
