package dev.albatross.bench;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.name.Mac;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.Data;
import dev.albatross.protocol.wire.FailBehaviour;
import dev.albatross.protocol.wire.Header;
import dev.albatross.protocol.wire.IfData;
import dev.albatross.protocol.wire.Info;
import dev.albatross.protocol.wire.KinfoMem;
import dev.albatross.protocol.wire.NetIf;
import dev.albatross.protocol.wire.Rusage;
import dev.albatross.protocol.wire.Success;
import dev.albatross.protocol.wire.Timeval;
import dev.albatross.protocol.wire.Typ;
import dev.albatross.protocol.wire.UnikernelCmd;
import dev.albatross.protocol.wire.UnikernelConfig;
import dev.albatross.protocol.wire.Wire;
import dev.albatross.protocol.wire.WireCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The codec's cost for the three messages the issue names: a create carrying a 1 MiB image, an info reply
 * listing 100 unikernels, a statistics data message. Encoding produces the framed bytes written to a socket;
 * decoding starts from a frame's payload as the frame decoder hands it over.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CodecBenchmark {
    Wire create;
    byte[] createBytes;
    Wire info;
    byte[] infoBytes;
    Wire stats;
    byte[] statsBytes;

    @Setup
    public void setUp() {
        byte[] image = new byte[1 << 20];
        new Random(1).nextBytes(image);
        UnikernelConfig config = UnikernelConfig.builder().image(Bytes.wrap(image)).memoryMb(64)
                .failBehaviour(FailBehaviour.Restart.onAnyExit())
                .bridges(List.of(new NetIf("service", Optional.of("br0"), Optional.empty())))
                .arguments(Optional.of(List.of("--ipv4=10.0.0.2/24", "--ipv4-gateway=10.0.0.1"))).build();
        create = new Wire(Header.of(0, Name.parse(":hello")), new UnikernelCmd.Create(config));
        createBytes = WireCodec.encode(create);

        List<Success.InfoEntry> entries = new ArrayList<>();
        Bytes digest = Bytes.wrap(new byte[32]);
        for (int i = 0; i < 100; i++) {
            Name name = Name.parse("tenant:unikernel-" + i);
            entries.add(new Success.InfoEntry(name, new Info(Typ.SOLO5, OptionalInt.of(50), new FailBehaviour.Quit(),
                    List.of(i % 2), 32, digest, List.of(new Info.Block("storage", "disk-" + i, 512, 10)),
                    List.of(new Info.Bridge("service", "br0", name.mac("service"))),
                    Optional.of(List.of("--ipv4=10.0.0." + i + "/24")), Optional.of(Instant.parse(
                            "2026-11-22T23:28:39.499Z")), OptionalInt.of(1), Optional.empty())));
        }
        info = new Wire(Header.of(0, Name.parse("tenant:")), new Success.UnikernelInfo(entries));
        infoBytes = WireCodec.encode(info);

        Rusage rusage = new Rusage(new Timeval(1, 500_000), new Timeval(0, 250_000), 100, 0, 0, 0, 10, 1, 0, 0, 0, 0,
                0, 0, 5, 6);
        IfData ifdata = new IfData("service", 0x1043, 0, 0, 0, 1500, 0, 10, 0, 20, 0, 0, 1000, 2000, 0, 0, 0, 0);
        stats = new Wire(Header.of(0, Name.parse(":hello")), new Data.Statistics(rusage, List.of(ifdata),
                Optional.empty(), Optional.of(new KinfoMem(1000, 100, 1, 2, 2, 750_000, 0,
                        new Timeval(1_700_000_000, 0)))));
        statsBytes = WireCodec.encode(stats);
        new Mac(new byte[6]); // touch, so class loading is not measured
    }

    @Benchmark
    public byte[] encodeCreate1MiB() {
        return WireCodec.encodeFramed(create);
    }

    @Benchmark
    public Wire decodeCreate1MiB() {
        return WireCodec.decode(createBytes).orElseThrow();
    }

    @Benchmark
    public byte[] encodeInfo100() {
        return WireCodec.encodeFramed(info);
    }

    @Benchmark
    public Wire decodeInfo100() {
        return WireCodec.decode(infoBytes).orElseThrow();
    }

    @Benchmark
    public byte[] encodeStats() {
        return WireCodec.encodeFramed(stats);
    }

    @Benchmark
    public Wire decodeStats() {
        return WireCodec.decode(statsBytes).orElseThrow();
    }
}
