package dev.albatross.client;

import dev.albatross.client.inspect.InspectWireCommand;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code albatross-client} (spec §10): one program with subcommands. Without a subcommand it prints its help,
 * as Albatross does.
 *
 * <p>Every subcommand is registered by hand in {@link #commandLine}; there is no classpath scanning, so the
 * client starts in a fraction of a second.
 */
@Command(name = ErrorLine.PROGRAM, mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Manage unikernels run by albatrossd, locally or remotely, and inspect Albatross data.")
public final class AlbatrossClient implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    private AlbatrossClient() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8));
        int code;
        try {
            code = run(args, System.in, out, err);
        } catch (RuntimeException e) {
            // Only a bug in building the command line gets here; still one line, no stack trace.
            err.print(ErrorLine.of("internal error: " + e) + "\n");
            err.flush();
            code = ExitCode.INTERNAL_ERROR.code();
        }
        System.exit(code);
    }

    /** Runs one command line against the given standard streams and returns its exit status. */
    public static int run(String[] args, InputStream stdin, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine(stdin);
        cli.setOut(out);
        cli.setErr(err);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The command tree, with Albatross's exit statuses for usage errors (124) and unexpected failures (125). */
    static CommandLine commandLine(InputStream stdin) {
        CommandLine cli = new CommandLine(new AlbatrossClient());
        cli.addSubcommand(new InspectWireCommand(stdin));

        String version = ErrorLine.PROGRAM + " " + implementationVersion();
        Deque<CommandLine> todo = new ArrayDeque<>();
        todo.push(cli);
        while (!todo.isEmpty()) {
            CommandLine c = todo.pop();
            c.getCommandSpec().version(version).exitCodeOnInvalidInput(ExitCode.CLI_ERROR.code())
                    .exitCodeOnExecutionException(ExitCode.INTERNAL_ERROR.code());
            todo.addAll(c.getSubcommands().values());
        }
        cli.setParameterExceptionHandler(new UsageErrorHandler());
        cli.setExecutionExceptionHandler(new InternalErrorHandler());
        return cli;
    }

    private static String implementationVersion() {
        String v = AlbatrossClient.class.getPackage().getImplementationVersion();
        return v != null ? v : "(development build)";
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.SUCCESS.code();
    }
}
