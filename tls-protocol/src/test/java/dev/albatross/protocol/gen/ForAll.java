package dev.albatross.protocol.gen;

import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Runs a property: draws {@code tries} values from a generator and checks each. Seeds are fixed, so a run is
 * reproducible; a failure names the property, the seed and the try, and the value it failed for.
 *
 * <p>Each try has its own random source derived from (seed, try), so one failing try can be re-run alone. The
 * system property {@code albatross.seed} replaces the default seed to explore other values locally.
 */
public final class ForAll {
    /** The seed every property starts from unless {@code -Dalbatross.seed=...} says otherwise. */
    public static final long DEFAULT_SEED = 0x5EED_A1BA_7055L;

    private ForAll() {
    }

    /** Checks {@code property} for {@code tries} values of {@code gen}; fails with the first counterexample. */
    public static <T> void check(String name, int tries, Gen<T> gen, Consumer<? super T> property) {
        long seed = Long.getLong("albatross.seed", DEFAULT_SEED);
        for (int i = 0; i < tries; i++) {
            T value = gen.next(randomFor(seed, name, i));
            try {
                property.accept(value);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(name + " fails for try " + i + " of seed " + seed + " (-Dalbatross.seed="
                        + seed + "):\n  value: " + abbreviate(String.valueOf(value)) + "\n  " + e, e);
            }
        }
    }

    /** The random source of one try: the same name, seed and try give the same values. */
    public static SplittableRandom randomFor(long seed, String name, int attempt) {
        return new SplittableRandom(mix(mix(seed ^ name.hashCode()) + attempt));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String abbreviate(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 2000) + "... (" + s.length() + " characters)";
    }
}
