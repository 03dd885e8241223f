package dev.albatross.client.inspect;

import dev.albatross.client.ErrorLine;
import dev.albatross.client.ExitCode;
import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.der.DecodeError;
import dev.albatross.protocol.der.Decoded;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code albatross-client inspect-wire [--format=F] [--reencode] [FILE|-]}: a debugging tool for operators, like
 * {@code openssl asn1parse}. Reads one item, prints {@code format: <f>[ (guessed)]} and then the item as
 * indented text; with {@code --reencode} the last line is the lowercase hex of our re-encoding of it.
 *
 * <p>On malformed input it prints one line, {@code albatross-client: <format>: offset N, <field>: <reason>}, to
 * standard error and exits with 124 (Albatross's status for command-line errors); standard output stays empty.
 */
@Command(name = "inspect-wire", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Print an Albatross wire message, frame, certificate extension, certificate or CSR, or state file as "
                    + "readable text: header, names, command or reply, one field per line; images and block data "
                    + "as size and SHA-256.",
            "Without --format the format is guessed from the first bytes."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the input was read and shown", "124:malformed input, unreadable file or usage error",
            "125:internal error"})
public final class InspectWireCommand implements Callable<Integer> {
    /**
     * The most bytes read. The largest expected input is a state file with a few dozen images of tens of MB;
     * the limit keeps a mistaken argument (a disk image, /dev/zero) from exhausting memory.
     */
    static final int MAX_INPUT_BYTES = 1 << 30;

    private final InputStream stdin;

    @Spec
    private CommandSpec spec;

    private Optional<InputFormat> format = Optional.empty();

    @Option(names = "--reencode", description = "End with a line holding the lowercase hex of our re-encoding of "
            + "the decoded value (frame: its DER payload; cert: the first certificate's extension value).")
    private boolean reencode;

    @Parameters(arity = "0..1", paramLabel = "FILE", defaultValue = "-",
            description = "The file to read; - (the default) reads standard input.")
    private String file;

    /** The command, reading standard input from {@code stdin}. */
    public InspectWireCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "wire (a DER message), frame (4-byte length, then the message), extension (the "
                    + "certificate extension's value), cert (PEM or DER certificates or CSR) or state (a state "
                    + "file). Guessed when not given.")
    void format(String text) {
        format = Optional.of(InputFormat.parse(text).orElseThrow(() -> new CommandLine.ParameterException(
                spec.commandLine(), "invalid value for option '--format': '" + text
                        + "' (expected wire, frame, extension, cert or state)")));
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        byte[] input;
        try {
            input = read();
        } catch (IOException e) {
            return fail(err, "cannot read " + file + ": " + reason(e));
        } catch (InvalidPathException e) {
            return fail(err, "cannot read " + file + ": " + e.getReason());
        }
        Inspected inspected = inspect(input);
        if (inspected.report() instanceof Decoded.Failed<Report> failed) {
            return fail(err, inspected.label() + ": " + FieldPath.once(failed.error()).message());
        }
        Report report = inspected.report().orElseThrow();
        List<String> lines = new ArrayList<>(report.lines().size() + 2);
        lines.add(inspected.formatLine());
        lines.addAll(report.lines());
        if (reencode) {
            Decoded<Bytes> reencoded = report.reencoding().get();
            if (reencoded instanceof Decoded.Failed<Bytes> failed) {
                return fail(err, inspected.label() + ": " + FieldPath.once(failed.error()).message());
            }
            lines.add(reencoded.orElseThrow().toHex());
        }
        // Printed only now that everything succeeded: a failing run leaves standard output empty.
        PrintWriter out = spec.commandLine().getOut();
        for (String line : lines) {
            out.print(line);
            out.print('\n');
        }
        out.flush();
        return ExitCode.SUCCESS.code();
    }

    /** Reads the input in the given format, or guesses it. */
    private Inspected inspect(byte[] input) {
        if (format.isEmpty()) {
            return FormatGuess.read(input);
        }
        Decoded<Report> report = input.length == 0 ? Decoded.failed(new DecodeError(0, "input", "empty input"))
                : format.get().read(input);
        return new Inspected(format, false, report);
    }

    private byte[] read() throws IOException {
        if (file.equals("-")) {
            return readAtMostLimit(stdin);
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return readAtMostLimit(in);
        }
    }

    private static byte[] readAtMostLimit(InputStream in) throws IOException {
        byte[] data = in.readNBytes(MAX_INPUT_BYTES + 1);
        if (data.length > MAX_INPUT_BYTES) {
            throw new IOException("larger than " + MAX_INPUT_BYTES + " bytes");
        }
        return data;
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static int fail(PrintWriter err, String message) {
        err.print(ErrorLine.of(message));
        err.print('\n');
        err.flush();
        return ExitCode.CLI_ERROR.code();
    }
}
