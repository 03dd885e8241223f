package dev.albatross.client;

import dev.albatross.client.command.Subcommands;
import dev.albatross.client.inspect.InspectWireCommand;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
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
        OutputStream stdout = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        OutputStream stderr = new FileOutputStream(FileDescriptor.err);
        ClientEnvironment env = new ClientEnvironment(System.in, stdout, stderr, InstantSource.system(),
                ClientEnvironment.defaultTempDir(), Path.of("").toAbsolutePath(), ClientEnvironment.lazyRandom());
        int code;
        try {
            code = run(args, env);
        } catch (RuntimeException e) {
            // Only a bug in building the command line gets here; still one line, no stack trace.
            PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8));
            err.print(ErrorLine.of("internal error: " + e) + "\n");
            err.flush();
            code = ExitCode.INTERNAL_ERROR.code();
        }
        try {
            stdout.flush();
        } catch (IOException e) {
            // standard output is gone (a closed pipe): nothing left to tell anyone
            code = code == 0 ? ExitCode.COMMUNICATION_FAILURE.code() : code;
        }
        System.exit(code);
    }

    /**
     * Runs one command line in {@code env} and returns its exit status. A daemon or certificate subcommand runs
     * through its own light parser (see {@code command.Cli}); help, the version and {@code inspect-wire} go
     * through picocli.
     */
    public static int run(String[] args, ClientEnvironment env) {
        Optional<String> name = subcommandOf(args);
        if (name.isPresent() && args.length > 0 && args[0].equals(name.get())) {
            try {
                OptionalInt code = Subcommands.run(name.get(), List.of(args).subList(1, args.length), env);
                if (code.isPresent()) {
                    return code.getAsInt();
                }
            } catch (RuntimeException e) {
                // A bug: one line, no stack trace, as for picocli's commands.
                PrintWriter err = new PrintWriter(new OutputStreamWriter(env.stderr(), StandardCharsets.UTF_8));
                err.print(ErrorLine.of("internal error: " + e) + "\n");
                err.flush();
                return ExitCode.INTERNAL_ERROR.code();
            }
        }
        PrintWriter out = new PrintWriter(new OutputStreamWriter(env.stdout(), StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(env.stderr(), StandardCharsets.UTF_8));
        CommandLine cli = commandLine(env, name);
        cli.setOut(out);
        cli.setErr(err);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Runs one command line against the given standard streams and returns its exit status; output bytes are
     * decoded as UTF-8 (invalid bytes as escapes) into {@code out}. For tests of text output.
     */
    public static int run(String[] args, InputStream stdin, PrintWriter out, PrintWriter err) {
        ClientEnvironment env = new ClientEnvironment(stdin, new WriterStream(out), new WriterStream(err),
                InstantSource.system(), ClientEnvironment.defaultTempDir(), Path.of("").toAbsolutePath(),
                ClientEnvironment.lazyRandom());
        int code = run(args, env);
        out.flush();
        err.flush();
        return code;
    }

    /** The first argument that is not an option: the subcommand, if the command line names one. */
    static Optional<String> subcommandOf(String[] args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return Optional.of(a);
            }
            if (a.equals("--")) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * The picocli command tree, with Albatross's exit statuses for usage errors (124) and unexpected failures
     * (125): {@code inspect-wire}, and for the help the other subcommands, described from their own parsers.
     */
    static CommandLine commandLine(ClientEnvironment env, Optional<String> wanted) {
        CommandLine cli = new CommandLine(new AlbatrossClient());
        if (!(wanted.isPresent() && wanted.get().equals("inspect-wire"))) {
            Subcommands.describeAll(cli, env);
        }
        cli.addSubcommand(new InspectWireCommand(env.stdin()));

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

    /** Bytes to a character writer, for {@link #run(String[], InputStream, PrintWriter, PrintWriter)}. */
    private static final class WriterStream extends OutputStream {
        private final Writer writer;
        private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

        WriterStream(Writer writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) {
            pending.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            pending.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            writer.write(dev.albatross.protocol.der.RawText.decode(pending.toByteArray()));
            pending.reset();
            writer.flush();
        }
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
