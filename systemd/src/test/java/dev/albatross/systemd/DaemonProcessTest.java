package dev.albatross.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.state.StateFile;
import dev.albatross.protocol.state.StateFileCodec;
import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.Framing;
import dev.albatross.protocol.wire.Header;
import dev.albatross.protocol.wire.NetIf;
import dev.albatross.protocol.wire.Payload;
import dev.albatross.protocol.wire.Success;
import dev.albatross.protocol.wire.UnikernelCmd;
import dev.albatross.protocol.wire.UnikernelConfig;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.wire.WireCodec;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The packaged daemon as a process: started by systemd socket activation, stopped by SIGTERM. */
// A blocked socket read is interruptible, so the timeout ends a stuck exchange instead of hanging CI.
@Timeout(180)
class DaemonProcessTest {
    private static final Path REPO = Launched.REPO;

    @TempDir
    Path dir;

    private Path tmpdir() {
        return dir.resolve("tmp");
    }

    private Path dbdir() {
        return dir.resolve("db");
    }

    private void prepareDbdir() throws IOException {
        Launched.prepareDbdir(dbdir());
    }

    private static Payload call(Path socket, String name, Command command) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(WireCodec.encodeFramed(new Wire(Header.of(0, Name.parse(name)), command))));
            Framing.Frame f = Framing.readFrame(Channels.newInputStream(ch), Framing.DEFAULT_MAX_FRAME_BYTES);
            return WireCodec.decode(((Framing.Frame.Chunk) f).payload()).orElseThrow().payload();
        }
    }

    private Path log() {
        return dir.resolve("daemon.log");
    }

    private String output() {
        return Launched.read(log());
    }

    private void waitFor(Path socket, Process p) throws Exception {
        Launched.waitUntil(() -> Files.exists(socket), p, log());
    }

    @Test
    void aSocketActivatedDaemonServesTheConnectionThatStartedIt() throws Exception {
        Launched.assumeDaemonRunnable();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-socket-activate")),
                "needs systemd-socket-activate (Debian package systemd)");
        prepareDbdir();
        Path util = Files.createDirectories(tmpdir().resolve("util"));
        Process p = new ProcessBuilder("systemd-socket-activate", "-l", util.resolve("vmmd.sock").toString(),
                "-l", util.resolve("console.sock").toString(), "-l", util.resolve("stat.sock").toString(),
                "--fdname=vmmd:console:stat", REPO.resolve("bin/albatrossd").toString(),
                "--systemd-socket-activation", "--tmpdir", tmpdir().toString(), "--dbdir", dbdir().toString())
                .redirectErrorStream(true).redirectOutput(log().toFile()).start();
        try {
            waitFor(util.resolve("vmmd.sock"), p);
            // The first connection makes systemd-socket-activate start the daemon, which takes the sockets.
            assertEquals(new Success.UnikernelInfo(List.of()), call(util.resolve("vmmd.sock"), ":",
                    new UnikernelCmd.Info()));
        } finally {
            p.destroy();
            p.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void sigtermStopsEveryUnikernelFreesItsTapAndKeepsTheState() throws Exception {
        Launched.assumeDaemonRunnable();
        prepareDbdir();
        String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        String bridge = "sdbr" + id;
        String prefix = "sdt" + id + "x";
        run("ip", "link", "add", bridge, "type", "bridge");
        try {
            run("ip", "link", "set", bridge, "up");
            Process p = new ProcessBuilder(REPO.resolve("bin/albatrossd").toString(), "--tmpdir", tmpdir().toString(),
                    "--dbdir", dbdir().toString(), "--tap-prefix", prefix).redirectErrorStream(true)
                    .redirectOutput(log().toFile()).start();
            Path vmmd = tmpdir().resolve("util/vmmd.sock");
            waitFor(vmmd, p);
            Bytes image = Bytes.wrap(Files.readAllBytes(Path.of(System.getProperty("albatross.shared",
                    REPO.resolve("../shared").toString()), "vectors/images/net.hvt")));
            UnikernelConfig net = UnikernelConfig.builder().image(image).memoryMb(16)
                    .bridges(List.of(new NetIf("service0", Optional.of(bridge), Optional.empty()))).build();
            assertEquals(new Success.Message("created unikernel"), call(vmmd, ":web", new UnikernelCmd.Create(net)));
            assertEquals(1, interfaces(prefix).size());

            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), () -> "daemon did not stop: " + output());
            assertEquals(List.of(), interfaces(prefix), "taps left behind");
            String tender = dbdir().resolve("solo5-hvt").toString();
            assertEquals(0, ProcessHandle.allProcesses().filter(h -> h.info().command().map(tender::equals)
                    .orElse(false)).count(), "tenders left running");
            StateFile state = StateFileCodec.decode(Files.readAllBytes(dbdir().resolve("state"))).orElseThrow();
            assertEquals(List.of(Name.parse(":web")), state.unikernels().stream().map(StateFile.NamedUnikernel::name)
                    .toList(), "the state keeps what ran, to start it again");
        } finally {
            for (String tap : interfaces(prefix)) {
                run("ip", "link", "del", tap);
            }
            run("ip", "link", "del", bridge);
        }
    }

    private static List<String> interfaces(String prefix) throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/sys/class/net"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).toList();
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + out);
    }
}
