package dev.albatross.bench;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.Command;
import dev.albatross.protocol.wire.Framing;
import dev.albatross.protocol.wire.Header;
import dev.albatross.protocol.wire.Payload;
import dev.albatross.protocol.wire.Success;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.wire.WireCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real daemon ({@code bin/albatrossd}) as the benchmarks drive it: started with the test double as its tender in
 * a scratch directory, talked to over its Unix sockets, measured through procfs.
 */
final class DaemonProcess implements AutoCloseable {
    private final Path repo;
    private final Path work;
    private final List<String> extraArgs;
    private Process daemon;
    private String restoreLine = "";

    DaemonProcess(Path repo, Path tender, Path work, List<String> extraArgs) throws IOException {
        this.repo = repo;
        this.work = work;
        this.extraArgs = List.copyOf(extraArgs);
        Files.createDirectories(dbdir());
        Files.copy(tender, dbdir().resolve("solo5-hvt"), StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(dbdir().resolve("state"));
    }

    /**
     * The daemon's {@code --tmpdir}: {@code WORKDIR/tmp}, or {@code -Dbench.tmpdir=DIR} (a tmpfs such as /dev/shm,
     * as {@code /run/albatross} is in production: images and fifos are made there on every create).
     */
    Path tmpdir() {
        String dir = System.getProperty("bench.tmpdir");
        return dir != null ? Path.of(dir) : work.resolve("tmp");
    }

    Path dbdir() {
        return work.resolve("db");
    }

    Path socket(String name) {
        return tmpdir().resolve("util").resolve(name);
    }

    /** The daemon's "restoring ..." log line of its last start, if any. */
    String restoreLine() {
        return restoreLine;
    }

    long pid() {
        return daemon.pid();
    }

    /** Starts the daemon and returns once it logs that it serves. */
    void start() throws IOException {
        List<String> command = new ArrayList<>(List.of(repo.resolve("bin/albatrossd").toString(), "--tmpdir",
                tmpdir().toString(), "--dbdir", dbdir().toString(), "-v", "--tap-prefix", "bench"));
        command.addAll(extraArgs);
        ProcessBuilder pb = new ProcessBuilder(command);
        // bin/albatrossd's own defaults unless -Ddaemon.opts=... says otherwise.
        if (System.getProperty("daemon.opts") != null) {
            pb.environment().put("JAVA_OPTS", System.getProperty("daemon.opts"));
        }
        pb.redirectErrorStream(true);
        daemon = pb.start();
        InputStream out = daemon.getInputStream();
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = out.read();
            if (c < 0) {
                throw new IllegalStateException("daemon exited: " + line);
            }
            if (c == '\n') {
                String l = line.toString();
                line.setLength(0);
                if (l.contains("restoring")) {
                    restoreLine = l.substring(l.indexOf("restoring"));
                }
                if (l.contains("albatrossd started")) {
                    break;
                }
            } else {
                line.append((char) c);
            }
        }
        // The log is not looked at any more, but a full pipe would stall the daemon.
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // the daemon is gone
            }
        });
        drain.setDaemon(true);
        drain.start();
    }

    /** SIGTERM, as systemd stops it. */
    void stop() throws InterruptedException {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroy();
            daemon.waitFor(60, TimeUnit.SECONDS);
        }
        daemon = null;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    double rssMiB() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc", Long.toString(daemon.pid()), "status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return -1;
    }

    /** User plus system CPU time the daemon has used so far, in clock ticks (1/100 s on Linux). */
    long cpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(daemon.pid()), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** The hello image of {@code ../shared} (or of {@code -Dalbatross.shared=DIR}). */
    static Bytes helloImage(Path repo) throws IOException {
        Path shared = Path.of(System.getProperty("albatross.shared", repo.resolve("../shared").toString()));
        return Bytes.wrap(Files.readAllBytes(shared.resolve("vectors/images/hello.hvt").normalize()));
    }

    /** One command on vmmd.sock and its reply. */
    Payload call(String name, Command command) throws IOException {
        try (SocketChannel ch = connect("vmmd.sock", name, command)) {
            return read(Channels.newInputStream(ch));
        }
    }

    /** Connects to {@code socket} and sends {@code command}; the caller reads the replies. */
    SocketChannel connect(String socket, String name, Command command) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket(socket)));
        ch.write(ByteBuffer.wrap(WireCodec.encodeFramed(new Wire(Header.of(0, Name.parse(name)), command))));
        return ch;
    }

    static Payload read(InputStream in) throws IOException {
        Framing.Frame f = Framing.readFrame(in, Framing.DEFAULT_MAX_FRAME_BYTES);
        return WireCodec.decode(((Framing.Frame.Chunk) f).payload()).orElseThrow().payload();
    }

    static void expect(Payload p, String text) {
        if (!new Success.Message(text).equals(p)) {
            throw new IllegalStateException("expected " + text + ", got " + p);
        }
    }
}
