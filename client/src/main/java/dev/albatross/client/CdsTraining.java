package dev.albatross.client;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.der.Decoded;
import dev.albatross.protocol.name.Mac;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.Data;
import dev.albatross.protocol.wire.FailBehaviour;
import dev.albatross.protocol.wire.Failure;
import dev.albatross.protocol.wire.Framing;
import dev.albatross.protocol.wire.Info;
import dev.albatross.protocol.wire.Payload;
import dev.albatross.protocol.wire.Policy;
import dev.albatross.protocol.wire.Success;
import dev.albatross.protocol.wire.Typ;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.wire.WireCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * The training run of the build's class-data-sharing archive (not a user command): the build runs it with
 * {@code -XX:ArchiveClassesAtExit}, so the classes a typical local command loads (command line, encoding, Unix
 * socket, decoding, printing) are archived and the real client starts faster. It answers a few commands from a
 * canned daemon on a temporary Unix socket and prints nothing.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path tmp = Files.createTempDirectory("albatross-cds");
        try {
            Files.createDirectories(tmp.resolve("util"));
            Thread vmmd = serve(tmp.resolve("util/vmmd.sock"), 3);
            Thread console = serve(tmp.resolve("util/console.sock"), 1);
            ClientEnvironment env = new ClientEnvironment(InputStream.nullInputStream(), OutputStream.nullOutputStream(),
                    OutputStream.nullOutputStream(), InstantSource.system(), tmp, tmp, ClientEnvironment.lazyRandom());
            for (String[] command : List.of(new String[] {"info", "--tmpdir=" + tmp},
                    new String[] {"policy", "--tmpdir=" + tmp},
                    new String[] {"destroy", "hello", "--tmpdir=" + tmp},
                    new String[] {"console", "hello", "--tmpdir=" + tmp},
                    new String[] {"create", "x", "--socket=-", "--tmpdir=" + tmp, "/nonexistent"},
                    new String[] {"block", "--tmpdir=" + tmp.resolve("absent")})) {
                AlbatrossClient.run(command, env);
            }
            vmmd.join(10_000);
            console.join(10_000);
        } finally {
            try (Stream<Path> files = Files.walk(tmp)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static Thread serve(Path socket, int connections) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread t = new Thread(() -> {
            try (server) {
                for (int i = 0; i < connections; i++) {
                    try (SocketChannel ch = server.accept()) {
                        answer(Channels.newInputStream(ch), Channels.newOutputStream(ch));
                    }
                }
            } catch (IOException e) {
                // training only: a failed exchange just archives fewer classes
                return;
            }
        }, "cds-daemon");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void answer(InputStream in, OutputStream out) throws IOException {
        Framing.Frame frame = Framing.readFrame(in, Framing.DEFAULT_MAX_FRAME_BYTES);
        if (!(frame instanceof Framing.Frame.Chunk chunk)) {
            return;
        }
        Decoded<Wire> decoded = WireCodec.decode(chunk.payload());
        if (!(decoded instanceof Decoded.Ok<Wire> ok) || !(ok.value().payload() instanceof Command c)) {
            return;
        }
        Wire request = ok.value();
        for (Payload p : replies(c)) {
            Framing.writeWire(out, request.reply(p));
        }
        out.flush();
    }

    private static List<Payload> replies(Command c) {
        return switch (c.commandKind()) {
            case UNIKERNEL -> c instanceof dev.albatross.protocol.wire.UnikernelCmd.Info
                    ? List.of(new Success.UnikernelInfo(List.of(new Success.InfoEntry(Name.parse(":hello"), info()))))
                    : List.of(new Failure("destroy: not found"));
            case POLICY -> List.of(new Success.Policies(List.of(new Success.PolicyEntry(Name.ROOT,
                    new Policy(4, List.of(0, 1), 1024, OptionalInt.of(100), List.of("br0"))))));
            case CONSOLE -> List.of(new Success.Message("subscribed"),
                    new Data.Console(Instant.now(), "guest: hello"));
            case BLOCK, STATS -> List.of(new Success.Empty());
        };
    }

    private static Info info() {
        return new Info(Typ.SOLO5, OptionalInt.empty(), FailBehaviour.Restart.onAnyExit(), List.of(0), 32,
                Bytes.wrap(new byte[32]), List.of(new Info.Block("storage", "disk", 512, 1)),
                List.of(new Info.Bridge("service", "br0", new Mac(new byte[] {0, (byte) 0x80, 0x41, 1, 2, 3}))),
                Optional.of(List.of("--hello")), Optional.of(Instant.now()), OptionalInt.of(1), Optional.empty());
    }
}
