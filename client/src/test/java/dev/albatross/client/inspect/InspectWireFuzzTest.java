package dev.albatross.client.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.albatross.client.CliRun;
import dev.albatross.protocol.vectors.VectorCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing: random bytes and damaged copies of recorded inputs, in every format and guessed. Whatever
 * the input, inspect-wire answers 0 with printable text, or 124 with exactly one error line; never anything
 * else, never a stack trace. The seed is fixed, so a failure reproduces; the failing input is in the message.
 */
class InspectWireFuzzTest {
    private static final long SEED = 0xA1BA7055L;
    private static final int RUNS = 3000;
    private static final String[] FORMATS = {null, "wire", "frame", "extension", "cert", "state"};

    @Test
    void answersEveryInputWithTextOrOneErrorLine() throws IOException {
        assumeTrue(VectorCorpus.present(), "needs ../shared/vectors beside the checkout: " + VectorCorpus.root());
        List<byte[]> seeds = seeds();
        Random random = new Random(SEED);
        for (int i = 0; i < RUNS; i++) {
            byte[] input = random.nextInt(4) == 0 ? randomBytes(random)
                    : damage(seeds.get(random.nextInt(seeds.size())), random);
            String format = FORMATS[random.nextInt(FORMATS.length)];
            List<String> args = new ArrayList<>(List.of("inspect-wire", "--reencode"));
            if (format != null) {
                args.add("--format=" + format);
            }
            CliRun run = CliRun.run(input, args.toArray(new String[0]));
            String what = "run " + i + " " + args + " on " + HexFormat.of().formatHex(input, 0,
                    Math.min(input.length, 256)) + (input.length > 256 ? "..." : "") + "\n" + run;
            if (run.code() == 0) {
                assertEquals("", run.err(), what);
                EveryAlternativeTest.everyLineIsPrintableAscii(run);
                assertTrue(run.lastLine().matches("[0-9a-f]*"), what);
            } else {
                Expect.oneErrorLine(run, what);
            }
        }
    }

    private static List<byte[]> seeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (String exchange : List.of("010-create-hello", "015-create-net-mac-foo", "021-info-all",
                "007-policy-all", "011-console-since", "026-block-info-name", "049-raw-old-info4")) {
            for (VectorCorpus.Frame frame : VectorCorpus.exchange(exchange).frames()) {
                seeds.add(frame.payload());
                seeds.add(InspectWireVectorsTest.framed(frame));
            }
        }
        for (Path state : VectorCorpus.stateFiles()) {
            seeds.add(Files.readAllBytes(state));
        }
        seeds.add(Files.readAllBytes(VectorCorpus.root().resolve("certs/csr-create-hello/hello.pem")));
        seeds.add(Files.readAllBytes(VectorCorpus.root().resolve("certs/csr-restart/hello.req")));
        return seeds;
    }

    private static byte[] randomBytes(Random random) {
        byte[] b = new byte[random.nextInt(64)];
        random.nextBytes(b);
        return b;
    }

    /** Flips a byte, cuts the input short, or inserts a byte: each the kind of damage a decoder must survive. */
    private static byte[] damage(byte[] seed, Random random) {
        byte[] b = seed.clone();
        if (b.length == 0) {
            return b;
        }
        int at = random.nextInt(b.length);
        return switch (random.nextInt(3)) {
            case 0 -> {
                b[at] ^= (byte) (1 + random.nextInt(255));
                yield b;
            }
            case 1 -> Arrays.copyOf(b, at);
            default -> {
                byte[] longer = new byte[b.length + 1];
                System.arraycopy(b, 0, longer, 0, at);
                longer[at] = (byte) random.nextInt(256);
                System.arraycopy(b, at, longer, at + 1, b.length - at);
                yield longer;
            }
        };
    }
}
