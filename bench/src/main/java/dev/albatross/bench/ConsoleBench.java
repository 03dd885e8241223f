package dev.albatross.bench;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.wire.ConsoleCmd;
import dev.albatross.protocol.wire.Framing;
import dev.albatross.protocol.wire.Data;
import dev.albatross.protocol.wire.Payload;
import dev.albatross.protocol.wire.UnikernelCmd;
import dev.albatross.protocol.wire.UnikernelConfig;
import dev.albatross.protocol.wire.WireCodec;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Console throughput as the issue defines it: 80-byte lines written into a unikernel's console fifo (by the
 * solo5-hvt test double, as fast as the pipe takes them), forwarded by the real daemon to one subscriber on
 * console.sock (this process, which decodes every message).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.albatross.bench.ConsoleBench REPO TENDER WORKDIR [lines [rounds]]
 * </pre>
 * Prints per round: lines delivered to the subscriber per second (first to last line), lines the daemon dropped
 * for the subscriber (it never blocks the tender: a subscriber that cannot keep up loses lines and is told how
 * many), and the daemon's CPU time. The first round warms the JIT up.
 */
public final class ConsoleBench {
    /** 79 characters and the newline. */
    private static final int LINE_CHARS = 79;
    private static final String DROPPED = "[albatross] ";

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args[0]);
        int lines = args.length > 3 ? Integer.parseInt(args[3]) : 2_000_000;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        Bytes image = DaemonProcess.helloImage(repo);
        try (DaemonProcess daemon = new DaemonProcess(repo, Path.of(args[1]), Path.of(args[2]), List.of())) {
            daemon.start();
            for (int round = 0; round < rounds; round++) {
                round(daemon, image, ":flood" + round, lines, round == 0);
            }
            System.out.printf("daemon RSS after the rounds: %.1f MiB%n", daemon.rssMiB());
        }
    }

    private static void round(DaemonProcess daemon, Bytes image, String name, int lines, boolean warmUp)
            throws Exception {
        try (SocketChannel subscriber = daemon.connect("console.sock", name, new ConsoleCmd.SubscribeCount(0))) {
            InputStream in = new BufferedInputStream(Channels.newInputStream(subscriber), 1 << 16);
            DaemonProcess.read(in); // "waiting for VM": the unikernel does not exist yet
            long ticks = daemon.cpuTicks();
            UnikernelConfig flood = UnikernelConfig.builder().image(image).memoryMb(16).addName(false)
                    .arguments(Optional.of(List.of("--solo5:quiet", "--x-lines=" + lines,
                            "--x-line-bytes=" + LINE_CHARS, "--x-hang"))).build();
            DaemonProcess.expect(daemon.call(name, new UnikernelCmd.Create(flood)), "created unikernel");

            long delivered = 0;
            long dropped = 0;
            long first = 0;
            byte[] last = ("line " + lines).getBytes(StandardCharsets.US_ASCII);
            while (true) {
                Framing.Frame f = Framing.readFrame(in, Framing.DEFAULT_MAX_FRAME_BYTES);
                if (!(f instanceof Framing.Frame.Chunk chunk)) {
                    throw new IllegalStateException("the daemon closed the subscription");
                }
                if (first == 0) {
                    first = System.nanoTime();
                }
                // The subscriber's cheap path, as a client that prints lines needs no more: a line the tender
                // printed is the message's last LINE_CHARS bytes; anything else is decoded.
                byte[] m = chunk.payload().toByteArray();
                int text = m.length - LINE_CHARS;
                if (text > 0 && m[text - 2] == 0x0C && m[text - 1] == LINE_CHARS && m[text] == 'l') {
                    delivered++;
                    if (Arrays.equals(m, text, text + last.length, last, 0, last.length)
                            && m[text + last.length] == 'x') {
                        break;
                    }
                    continue;
                }
                Payload p = WireCodec.decode(m).orElseThrow().payload();
                if (!(p instanceof Data.Console c)) {
                    throw new IllegalStateException("unexpected " + p);
                }
                if (!c.line().startsWith(DROPPED)) {
                    continue; // "guest: hello"
                }
                // "[albatross] N lines dropped"
                dropped += Long.parseLong(c.line().substring(DROPPED.length()).split(" ")[0]);
            }
            double seconds = (System.nanoTime() - first) / 1e9;
            long cpu = daemon.cpuTicks() - ticks;
            System.out.printf("%s%d lines of 80 bytes: %d delivered, %d dropped in %.2f s = %.0f lines/s delivered;"
                    + " daemon CPU %.2f s (%.1f µs per line)%n", warmUp ? "(warm-up) " : "", lines, delivered,
                    dropped, seconds, delivered / seconds, cpu / 100.0, cpu * 1e4 / lines);
        }
        DaemonProcess.expect(daemon.call(name, new UnikernelCmd.Destroy()), "destroyed unikernel");
    }
}
