package dev.albatross.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.der.DecodeError;
import dev.albatross.protocol.der.Decoded;
import dev.albatross.protocol.der.DerNode;
import dev.albatross.protocol.der.DerReader;
import dev.albatross.protocol.gen.ForAll;
import dev.albatross.protocol.gen.Gen;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.state.StateExamples;
import dev.albatross.protocol.state.StateFile;
import dev.albatross.protocol.state.StateFileCodec;
import dev.albatross.protocol.vectors.VectorCorpus;
import dev.albatross.protocol.x509.CertExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Feeds over 200,000 malformed inputs, made reproducibly from a fixed seed, to the three decoders that face
 * untrusted bytes: {@link WireCodec#decode}, {@link StateFileCodec#decode} and {@link CertExtension#decode}.
 * The inputs start from the recorded corpus frames, the state files, certificate extension values, the spec's
 * vectors and generated messages of every type, and are truncated at every length (inputs up to 512 bytes) or
 * damaged by {@link DerMutator}.
 *
 * <p>Each decoder must return a {@link Decoded} for every input and never throw (a thrown exception other than
 * the decoder's own fault is a bug, STYLE "Errors"). It must not allocate in proportion to a length the input
 * claims, only to the input it has: at most {@link #ALLOCATION_FACTOR} bytes per input byte plus
 * {@link #ALLOCATION_CONSTANT}, measured per call with the thread's allocation counter. Time is only watched
 * for hangs: one input taking over a second fails; speed belongs to the benchmarks. Whatever decodes must
 * encode again, and that encoding must decode and be stable.
 */
class DecoderFuzzTest {
    /** The seed everything is made from; a failure names it and the input's number. */
    static final long FUZZ_SEED = 0xA1BA_7055_F022L;
    static final int INPUTS = 210_000;
    /** Truncated at every length: inputs up to this size. */
    static final int TRUNCATE_ALL_UP_TO = 512;
    /**
     * Bytes a decoder may allocate per input byte. Measured worst case (see {@link #denseSeeds}): about 100, for a
     * list of one-letter names (3 bytes each, each a string, label, path and name); commands stay under 25. The
     * margin is for JVMs whose objects are larger (without compressed pointers, on heaps over 32 GiB). Beyond
     * {@link DerReader#MAX_LIST_ELEMENTS} elements a list is refused, so a long list costs at most what the cap
     * allows, however long the input ({@link #aListBeyondTheCapCostsWhatTheCapAllowsNotWhatTheInputClaims}).
     */
    static final long ALLOCATION_FACTOR = 160;
    static final long ALLOCATION_CONSTANT = 1 << 20;
    static final long HANG_NANOS = 1_000_000_000L;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** The three decoders and how to re-encode what they accept. */
    enum Target {
        WIRE {
            @Override
            Decoded<?> decode(byte[] input) {
                return WireCodec.decode(input);
            }

            @Override
            byte[] encode(Object value) {
                return WireCodec.encode((Wire) value);
            }
        },
        STATE {
            @Override
            Decoded<?> decode(byte[] input) {
                return StateFileCodec.decode(input);
            }

            @Override
            byte[] encode(Object value) {
                StateFile s = (StateFile) value;
                // V0 cannot be written (as in Albatross); the daemon rewrites such a file in the current format.
                return StateFileCodec.encode(s.format() == StateFile.Format.OLD0
                        ? StateFile.current(s.unikernels(), s.policies()) : s);
            }
        },
        CERT_EXTENSION {
            @Override
            Decoded<?> decode(byte[] input) {
                return CertExtension.decode(input);
            }

            @Override
            byte[] encode(Object value) {
                return CertExtension.encode((CertExtension.Value) value);
            }
        };

        abstract Decoded<?> decode(byte[] input);

        abstract byte[] encode(Object value);
    }

    /** What the run saw, for the report and the assertions. */
    private static final class Stats {
        long inputs;
        long decodes;
        final Map<Target, Long> accepted = new LinkedHashMap<>();
        long maxNanos;
        String slowest = "";
        double maxBytesPerInputByte;
        String hungriest = "";
    }

    @Test
    void decodersReturnAResultForEveryInputWithinBoundedAllocationAndTime() {
        boolean measureAllocation = THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled();
        List<Seed> seeds = seeds();
        List<byte[]> donors = seeds.stream().map(Seed::bytes).toList();
        Stats stats = new Stats();
        long start = System.nanoTime();

        // Warm up (unmeasured): the first decode of each path loads classes, which allocates on this thread.
        for (Seed seed : seeds) {
            for (Target target : Target.values()) {
                target.decode(seed.bytes().clone());
            }
        }

        int n = 0;
        for (Seed seed : seeds) {
            if (seed.bytes().length <= TRUNCATE_ALL_UP_TO) {
                for (int length = 0; length < seed.bytes().length; length++) {
                    run(Arrays.copyOf(seed.bytes(), length), "truncation of " + seed.name() + " to " + length,
                            measureAllocation, stats);
                    n++;
                }
            }
        }
        for (int i = 0; n < INPUTS; i++, n++) {
            SplittableRandom random = ForAll.randomFor(FUZZ_SEED, "fuzz", i);
            Seed seed = seeds.get(random.nextInt(seeds.size()));
            byte[] input = DerMutator.mutate(seed.bytes(), donors, random);
            run(input, "mutation " + i + " of " + seed.name() + " (FUZZ_SEED " + FUZZ_SEED + ")", measureAllocation,
                    stats);
        }

        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        System.out.printf("DecoderFuzzTest: %d inputs from %d seeds, %d decodes in %d s; accepted %s; slowest"
                + " %.1f ms (%s); most allocation %.1f bytes per input byte (%s)%s%n", stats.inputs, seeds.size(),
                stats.decodes, seconds, stats.accepted, stats.maxNanos / 1e6, stats.slowest,
                stats.maxBytesPerInputByte, stats.hungriest, measureAllocation ? "" : " [allocation NOT measured]");
        assertTrue(stats.inputs >= 200_000, "fuzzed only " + stats.inputs + " inputs");
        for (Target t : Target.values()) {
            assertTrue(stats.accepted.getOrDefault(t, 0L) > 100, t + " accepted almost nothing: the inputs are poor");
        }
    }

    /**
     * The legitimate worst cases: valid inputs of many tiny elements. They set {@link #ALLOCATION_FACTOR}; a list
     * of one-letter names is the hungriest (each name is a string, a label, a path and a name object).
     */
    @Test
    void denseValidInputsStayWithinTheAllocationFactor() {
        assumeTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled(),
                "this JVM cannot count a thread's allocation");
        StringBuilder report = new StringBuilder();
        for (Map.Entry<String, byte[]> dense : denseSeeds().entrySet()) {
            byte[] input = dense.getValue();
            Target target = dense.getKey().contains("state") ? Target.STATE : Target.WIRE;
            target.decode(input.clone()).fold(v -> v, e -> {
                throw new AssertionError(dense.getKey() + " does not decode: " + e.message());
            });
            byte[] owned = input.clone();
            long before = THREADS.getCurrentThreadAllocatedBytes();
            Decoded<?> result = target.decode(owned);
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            assertTrue(result.isOk());
            double ratio = (double) allocated / input.length;
            report.append(String.format("%n  %-18s %7d bytes, %6.1f allocated per byte", dense.getKey(), input.length,
                    ratio));
            assertTrue(allocated <= ALLOCATION_FACTOR * input.length, dense.getKey() + ": " + ratio + " per byte");
        }
        System.out.println("DecoderFuzzTest, allocation of dense valid inputs:" + report);
    }

    /** Lengths claiming gigabytes, at the top and nested inside consistent outer lengths, allocate nothing extra. */
    @Test
    void claimedLengthsDoNotDecideAllocation() {
        assumeTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled(),
                "this JVM cannot count a thread's allocation");
        List<String> inputs = List.of(
                "30847fffffff", "3084ffffffff0500", "a6847fffffff",
                // Wire { header, [0] { [3] { [20] SEQUENCE claiming 2 GiB } } } with every outer length right.
                "301f" + "3013020105040800000000000000000c043a666f6f" + "a008a306b404" + "30847fffffff",
                // an OCTET STRING (the image) claiming 2 GiB inside a create configuration
                "3029" + "3013020105040800000000000000000c043a666f6f" + "a012a310b40e300ca0020500010100" + "04847fffffff",
                // state [6] { SEQUENCE { unikernels claiming 4 GiB } }
                "a60830063084ffffffff",
                // certificate extension { 5, [4] { [1] Policy claiming 2 GiB } }
                "300d020105a408a10630847fffffff");
        for (String hex : inputs) {
            byte[] input = HexFormat.of().parseHex(hex);
            for (Target target : Target.values()) {
                target.decode(input.clone());
                byte[] owned = input.clone();
                long before = THREADS.getCurrentThreadAllocatedBytes();
                Decoded<?> result = target.decode(owned);
                long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
                assertTrue(!result.isOk(), target + " accepted " + hex);
                assertTrue(allocated < 64 * 1024, target + " allocated " + allocated + " bytes for " + hex);
            }
        }
    }

    /**
     * A reply of millions of one-letter console names, the hungriest element per byte: refused at the 65,537th
     * name, having allocated what 65,536 names cost and not 100 bytes per input byte (1.2 GB for 12 MiB).
     */
    @Test
    void aListBeyondTheCapCostsWhatTheCapAllowsNotWhatTheInputClaims() {
        assumeTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled(),
                "this JVM cannot count a thread's allocation");
        byte[] name = {DerReader.UTF8_STRING, 1, 'a'};
        long capCost = ALLOCATION_FACTOR * name.length * DerReader.MAX_LIST_ELEMENTS + ALLOCATION_CONSTANT;
        StringBuilder report = new StringBuilder();
        for (int names : new int[] {DerReader.MAX_LIST_ELEMENTS + 1, 1 << 20, 4 << 20}) {
            byte[] list = new byte[names * name.length];
            for (int i = 0; i < list.length; i += name.length) {
                System.arraycopy(name, 0, list, i, name.length);
            }
            // Wire { header, [1] reply { [12] consoles { SEQUENCE OF name } } }
            byte[] input = tlv(DerReader.SEQUENCE, concat(HexFormat.of().parseHex(
                    "3013020105040800000000000000000c043a666f6f"), tlv(DerReader.context(1),
                    tlv(DerReader.context(12), tlv(DerReader.SEQUENCE, list)))));
            WireCodec.decode(input.clone());
            byte[] owned = input.clone();
            long before = THREADS.getCurrentThreadAllocatedBytes();
            Decoded<Wire> result = WireCodec.decode(owned);
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            DecodeError e = result.fold(w -> {
                throw new AssertionError(names + " names were accepted");
            }, error -> error);
            assertEquals("more than 65536 elements", e.reason(), e.toString());
            report.append(String.format("%n  %8d names, %9d bytes: %6.1f MB allocated, %6.2f per byte", names,
                    input.length, allocated / 1e6, (double) allocated / input.length));
            assertTrue(allocated <= capCost, names + " names cost " + allocated + " bytes, over " + capCost);
        }
        System.out.println("DecoderFuzzTest, allocation of lists beyond the cap:" + report);
    }

    /** Tag, minimal DER length and content. */
    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(n) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(n >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @Test
    void threadAllocationIsMeasurableHere() {
        assumeTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled(),
                "this JVM cannot count a thread's allocation: the fuzz test's allocation bound is NOT checked");
    }

    private static void run(byte[] input, String origin, boolean measureAllocation, Stats stats) {
        stats.inputs++;
        for (Target target : Target.values()) {
            byte[] owned = input.clone(); // the decoder owns its array
            long allocatedBefore = measureAllocation ? THREADS.getCurrentThreadAllocatedBytes() : 0;
            long t0 = System.nanoTime();
            Decoded<?> result;
            try {
                result = target.decode(owned);
            } catch (Throwable t) {
                throw new AssertionError(target + " threw on " + origin + ": " + t + "\n  input: " + hex(input), t);
            }
            long nanos = System.nanoTime() - t0;
            long allocated = measureAllocation ? THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore : 0;
            stats.decodes++;
            if (result == null) {
                fail(target + " returned null on " + origin + "\n  input: " + hex(input));
            }
            if (nanos > stats.maxNanos) {
                stats.maxNanos = nanos;
                stats.slowest = target + " on " + origin;
            }
            if (nanos > HANG_NANOS) {
                fail(target + " took " + nanos / 1_000_000 + " ms on " + origin + "\n  input: " + hex(input));
            }
            if (measureAllocation) {
                if (allocated > ALLOCATION_FACTOR * input.length + ALLOCATION_CONSTANT) {
                    fail(target + " allocated " + allocated + " bytes for " + input.length + " input bytes on " + origin
                            + "\n  input: " + hex(input));
                }
                if (input.length >= 1024) {
                    double ratio = (double) allocated / input.length;
                    if (ratio > stats.maxBytesPerInputByte) {
                        stats.maxBytesPerInputByte = ratio;
                        stats.hungriest = target + " on " + origin + ", " + input.length + " bytes";
                    }
                }
            }
            if (result instanceof Decoded.Ok<?> ok) {
                stats.accepted.merge(target, 1L, Long::sum);
                reencodes(target, ok.value(), origin, input);
            }
        }
    }

    /** What decoded encodes again; that decodes; and encoding is then stable (a fixed point after one pass). */
    private static void reencodes(Target target, Object value, String origin, byte[] input) {
        try {
            byte[] once = target.encode(value);
            Object again = target.decode(once.clone()).fold(Function.identity(), e -> {
                throw new AssertionError("its encoding does not decode: " + e.message() + "\n  encoding: " + hex(once));
            });
            assertArrayEquals(once, target.encode(again), "encoding is not stable");
        } catch (Throwable t) {
            throw new AssertionError(target + " accepted " + origin + " but: " + t + "\n  input: " + hex(input), t);
        }
    }

    private static String hex(byte[] b) {
        return b.length <= 4096 ? HexFormat.of().formatHex(b)
                : HexFormat.of().formatHex(b, 0, 4096) + "... (" + b.length + " bytes)";
    }

    // ---- seeds -----------------------------------------------------------------------------------------------

    record Seed(String name, byte[] bytes) {
    }

    static List<Seed> seeds() {
        Map<String, Seed> seeds = new LinkedHashMap<>();
        BiConsumer<String, byte[]> add = (name, bytes) ->
                seeds.putIfAbsent(HexFormat.of().formatHex(bytes), new Seed(name, bytes));

        if (VectorCorpus.present()) {
            int raw = 0;
            for (VectorCorpus.Frame f : VectorCorpus.frames()) {
                if (f.payload().length == 0) {
                    continue;
                }
                if (f.isWire() || f.exchange().contains("raw")) {
                    add.accept(f.id(), f.payload());
                } else if (raw++ < 12) {
                    add.accept(f.id() + " (raw data)", f.payload());
                }
            }
            for (Path file : VectorCorpus.stateFiles()) {
                try {
                    add.accept(file.getFileName().toString(), Files.readAllBytes(file));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            for (Path set : VectorCorpus.certificateSets()) {
                for (JsonNode hexValue : VectorCorpus.read(set.resolve("certs.json")).findValues("extn_value_hex")) {
                    add.accept(set.getFileName() + " extension", HexFormat.of().parseHex(hexValue.asText()));
                }
            }
        }
        SpecWireVectorsTest.vectors().forEach(a -> add.accept("spec " + a.get()[0],
                HexFormat.of().parseHex((String) a.get()[1])));
        StateExamples.all().forEach((name, bytes) -> add.accept("state " + name, bytes));
        add.accept("spec extension leaf", HexFormat.of().parseHex("300c020105a007a205a10302010a"));

        // Generated values of every type, so every alternative of the grammar is reached.
        List<Gen<?>> alternatives = new ArrayList<>(WireGen.alternatives().values());
        for (int i = 0; i < 600; i++) {
            SplittableRandom r = ForAll.randomFor(FUZZ_SEED, "seed wire", i);
            if (alternatives.get(i % alternatives.size()).next(r) instanceof Payload payload) {
                Wire w = new Wire(WireGen.header().next(r), payload);
                add.accept("generated " + payload.getClass().getSimpleName() + " " + i, WireCodec.encode(w));
            }
        }
        for (int i = 0; i < 200; i++) {
            SplittableRandom r = ForAll.randomFor(FUZZ_SEED, "seed extension", i);
            add.accept("generated extension " + i, CertExtension.encode(WireGen.command().next(r)));
        }
        StateFile.Format[] formats = {StateFile.Format.OLD1, StateFile.Format.OLD2, StateFile.Format.OLD3,
            StateFile.Format.OLD3_WITH_POLICIES, StateFile.Format.V4_WITH_POLICIES, StateFile.Format.CURRENT};
        for (int i = 0; i < 120; i++) {
            SplittableRandom r = ForAll.randomFor(FUZZ_SEED, "seed state", i);
            StateFile.Format format = formats[i % formats.length];
            StateFile.NamedUnikernel u = new StateFile.NamedUnikernel(Name.parse(":u" + i),
                    WireGen.config(format.configFormat()).next(r));
            List<StateFile.NamedPolicy> policies = format.hasPolicies()
                    ? List.of(new StateFile.NamedPolicy(Name.ROOT, WireGen.policy().next(r))) : List.of();
            add.accept("generated state " + format + " " + i,
                    StateFileCodec.encode(new StateFile(format, List.of(u), policies)));
        }
        for (Map.Entry<String, byte[]> dense : denseSeeds().entrySet()) {
            add.accept(dense.getKey(), dense.getValue());
        }
        return List.copyOf(seeds.values());
    }

    /**
     * Valid inputs made of as many tiny elements as fit: what makes a decoder allocate most per input byte.
     * They set {@link #ALLOCATION_FACTOR}.
     */
    static Map<String, byte[]> denseSeeds() {
        Map<String, byte[]> dense = new LinkedHashMap<>();
        Header h = Header.of(0, Name.ROOT);
        List<Name> names = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            names.add(Name.parse(i % 2 == 0 ? "a" : "b:"));
        }
        dense.put("dense consoles", WireCodec.encode(new Wire(h, new Success.Consoles(names))));
        List<Integer> cpuids = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            cpuids.add(i);
        }
        UnikernelConfig config = UnikernelConfig.builder().cpuids(cpuids)
                .arguments(Optional.of(Collections.nCopies(3000, ""))).build();
        dense.put("dense create", WireCodec.encode(new Wire(h, new UnikernelCmd.Create(config))));
        dense.put("dense policy", WireCodec.encode(new Wire(h, new PolicyCmd.Add(
                new Policy(1, cpuids, 1, OptionalInt.empty(), Collections.nCopies(3000, ""))))));
        List<StatsCmd.Interface> ifs = Collections.nCopies(2000, new StatsCmd.Interface("", ""));
        dense.put("dense stats add", WireCodec.encode(new Wire(h, new StatsCmd.Add("", 1, ifs))));
        List<BlockDevice> blocks = Collections.nCopies(2000, BlockDevice.of(""));
        dense.put("dense blocks", WireCodec.encode(new Wire(h, new UnikernelCmd.Create(
                UnikernelConfig.builder().blocks(blocks).build()))));
        List<StateFile.NamedUnikernel> unikernels = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            unikernels.add(new StateFile.NamedUnikernel(Name.parse(":" + i), UnikernelConfig.builder().build()));
        }
        dense.put("dense state", StateFileCodec.encode(StateFile.current(unikernels, List.of())));
        List<DerNode> sets = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            sets.add(DerNode.nul());
        }
        dense.put("dense block data", WireCodec.encode(new Wire(h, new Data.BlockData(Optional.of(
                Bytes.wrap(DerNode.sequence(sets).encode()))))));
        return dense;
    }
}
