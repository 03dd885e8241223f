package dev.albatross.client.command;

import dev.albatross.client.ExitCode;
import dev.albatross.client.output.Log;
import dev.albatross.client.output.ReplyText;
import dev.albatross.client.transport.Connection;
import dev.albatross.client.transport.Endpoint;
import dev.albatross.client.transport.TlsFailure;
import dev.albatross.client.transport.Zlib;
import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.der.Decoded;
import dev.albatross.protocol.wire.Data;
import dev.albatross.protocol.wire.Framing;
import dev.albatross.protocol.wire.Success;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.wire.WireCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.DataFormatException;

/**
 * Reads the replies of one command and prints them ({@code output_result} and the read loop of Albatross's
 * client, spec §11): a single reply; data until the daemon closes (console, stats); or a block dump into a
 * file until the empty block data message. A {@code Failure} anywhere is a warning and exit 117.
 *
 * <p>Compat: Albatross exits 0 whenever the connection ends, even before the reply of a single command or in
 * the middle of a dump. We exit 0 only for the streams that end that way (console, stats) and 121 otherwise,
 * so a script can tell a command that was never answered from one that succeeded.
 */
final class ReplyLoop {
    private enum State { SINGLE, READ, DUMP, DUMP_TO, END }

    private final Log log;
    private final DumpFiles files;
    private BlockDumpWriter dump;

    ReplyLoop(Log log, DumpFiles files) {
        this.log = log;
        this.files = files;
    }

    ExitCode run(Connection connection, Endpoint.ReplyMode mode) {
        State state = switch (mode) {
            case SINGLE -> State.SINGLE;
            case READ -> State.READ;
            case DUMP -> State.DUMP;
        };
        try {
            while (state != State.END) {
                Framing.Frame frame;
                try {
                    frame = connection.read();
                } catch (TlsFailure e) {
                    return Remote.tlsFailure(log, e);
                } catch (IOException e) {
                    log.error("exception " + e.getMessage() + " while reading");
                    return ExitCode.COMMUNICATION_FAILURE;
                }
                if (frame instanceof Framing.Frame.End) {
                    if (state == State.READ) {
                        return ExitCode.SUCCESS;
                    }
                    log.error("the connection ended before the command was answered");
                    return ExitCode.COMMUNICATION_FAILURE;
                }
                Bytes payload = ((Framing.Frame.Chunk) frame).payload();
                Decoded<Wire> decoded = WireCodec.decode(payload);
                if (decoded instanceof Decoded.Failed<Wire> failed) {
                    log.error("error " + failed.error().message() + " while parsing data");
                    return ExitCode.COMMUNICATION_FAILURE;
                }
                Wire wire = ((Decoded.Ok<Wire>) decoded).value();
                Step step = output(state, wire);
                if (step.exit() != null) {
                    return step.exit();
                }
                state = step.next();
            }
            return dump == null ? ExitCode.SUCCESS : dump.finish(log);
        } finally {
            if (dump != null) {
                dump.abandon();
            }
        }
    }

    /** Reads exactly one message, as {@code Vmm_lwt.read_wire}; empty (reported) if there is none. */
    static java.util.Optional<Wire> readOne(Connection connection, Log log) {
        Framing.Frame frame;
        try {
            frame = connection.read();
        } catch (TlsFailure e) {
            Remote.tlsFailure(log, e);
            return java.util.Optional.empty();
        } catch (IOException e) {
            log.error("exception " + e.getMessage() + " while reading");
            return java.util.Optional.empty();
        }
        if (frame instanceof Framing.Frame.End) {
            return java.util.Optional.empty();
        }
        Decoded<Wire> decoded = WireCodec.decode(((Framing.Frame.Chunk) frame).payload());
        if (decoded instanceof Decoded.Failed<Wire> failed) {
            log.error("error " + failed.error().message() + " while parsing data");
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(((Decoded.Ok<Wire>) decoded).value());
    }

    /** Prints a single reply already read ({@code output_result `Single}) and gives its exit status. */
    ExitCode one(Wire wire) {
        try {
            Step step = output(State.SINGLE, wire);
            if (step.exit() != null) {
                return step.exit();
            }
            return ExitCode.SUCCESS;
        } finally {
            if (dump != null) {
                dump.abandon();
            }
        }
    }

    /** The next state, or the exit status when reading stops early. */
    private record Step(State next, ExitCode exit) {
        static Step to(State s) {
            return new Step(s, null);
        }

        static Step exit(ExitCode e) {
            return new Step(null, e);
        }
    }

    private Step output(State state, Wire wire) {
        boolean verbose = log.verbose();
        switch (wire.payload().payloadKind()) {
            case REPLY -> {
                log.app(p -> ReplyText.wire(p, wire, verbose));
                return success(state, wire, (Success) wire.payload());
            }
            case DATA -> {
                return data(state, wire, (Data) wire.payload());
            }
            case FAILURE -> {
                log.warn(p -> ReplyText.wire(p, wire, verbose));
                return Step.exit(ExitCode.REMOTE_COMMAND_FAILED);
            }
            case COMMAND -> {
                log.error(p -> ReplyText.wire(p.text("received unexpected command "), wire, verbose));
                return Step.exit(ExitCode.INTERNAL_ERROR);
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private Step success(State state, Wire wire, Success s) {
        switch (s.kind()) {
            case UNIKERNEL_IMAGE -> {
                Success.UnikernelImage i = (Success.UnikernelImage) s;
                writeImage(wire, i.compressed(), i.image());
                return Step.to(State.END);
            }
            case OLD_BLOCK_DEVICE_IMAGE -> {
                Success.OldBlockDeviceImage i = (Success.OldBlockDeviceImage) s;
                writeImage(wire, i.compressed(), i.image());
                return Step.to(State.END);
            }
            case BLOCK_DEVICE_IMAGE -> {
                Path file = files.file(wire.header().name());
                try {
                    dump = BlockDumpWriter.open(file, ((Success.BlockDeviceImage) s).compressed());
                } catch (IOException e) {
                    log.error(e.getMessage() + " while dumping " + file);
                    return Step.exit(ExitCode.COMMUNICATION_FAILURE);
                }
                return Step.to(State.DUMP_TO);
            }
            default -> {
                return Step.to(state == State.SINGLE || state == State.END ? State.END : state);
            }
        }
    }

    private Step data(State state, Wire wire, Data d) {
        if (d.kind() == Data.Kind.BLOCK) {
            Data.BlockData b = (Data.BlockData) d;
            if (state != State.DUMP_TO) {
                log.warn(b.chunk().isEmpty() ? "Unexpected block dump EOF received"
                        : "Unexpected block dump data received");
                return Step.exit(ExitCode.COMMUNICATION_FAILURE);
            }
            if (b.chunk().isEmpty()) {
                return Step.to(State.END);
            }
            try {
                dump.write(b.chunk().get());
            } catch (IOException | DataFormatException e) {
                log.error(e.getMessage() + " while dumping " + dump.file());
                return Step.exit(ExitCode.COMMUNICATION_FAILURE);
            }
            return Step.to(state);
        }
        if (state != State.READ) {
            log.warn("Unexpected console data received");
            return Step.exit(ExitCode.COMMUNICATION_FAILURE);
        }
        log.app(p -> ReplyText.wire(p, wire, log.verbose()));
        return Step.to(state);
    }

    private void writeImage(Wire wire, boolean compressed, Bytes image) {
        byte[] data;
        if (compressed) {
            try {
                data = Zlib.uncompress(image.toByteArray());
            } catch (DataFormatException e) {
                log.error("failed to uncompress image: " + e.getMessage());
                return;
            }
        } else {
            data = image.toByteArray();
        }
        Path file = files.file(wire.header().name());
        try {
            Files.write(file, data);
            log.app("dumped image to " + file);
        } catch (IOException e) {
            log.error("failed to write image: " + e.getMessage());
        }
    }
}
