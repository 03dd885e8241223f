package dev.albatross.protocol.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator of random values for property tests: a function of a seeded random source, so every value
 * can be made again from its seed (see {@link ForAll}).
 *
 * <p>Why our own and not jqwik: jqwik 1.10 carries an "Anti-AI Usage Clause" asking that AI coding agents not
 * use it, and these tests were written by one; the project has dropped it altogether. The combinators here are the
 * few the protocol tests need; numbers lean towards the edges where DER encodings change length.
 */
@FunctionalInterface
public interface Gen<T> {

    /** One value drawn from {@code random}. */
    T next(SplittableRandom random);

    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        return r -> f.apply(next(r));
    }

    default <R> Gen<R> flatMap(Function<? super T, Gen<? extends R>> f) {
        return r -> f.apply(next(r)).next(r);
    }

    /** Values that satisfy {@code keep}; gives up (a bug in the generator) after 1000 misses in a row. */
    default Gen<T> filter(Predicate<? super T> keep) {
        return r -> {
            for (int i = 0; i < 1000; i++) {
                T value = next(r);
                if (keep.test(value)) {
                    return value;
                }
            }
            throw new IllegalStateException("filter rejected 1000 values in a row");
        };
    }

    /** Lists of {@code min} to {@code max} elements, short ones more often. */
    default Gen<List<T>> list(int min, int max) {
        Gen<Integer> size = sizes(min, max);
        return r -> {
            int n = size.next(r);
            List<T> values = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                values.add(next(r));
            }
            return values;
        };
    }

    /** Present three times in four. */
    default Gen<Optional<T>> optional() {
        return r -> r.nextInt(4) == 0 ? Optional.empty() : Optional.of(next(r));
    }

    static <T> Gen<T> constant(T value) {
        return r -> value;
    }

    /** One of {@code values}, uniformly. */
    @SafeVarargs
    static <T> Gen<T> elements(T... values) {
        List<T> copy = new ArrayList<>(values.length);
        for (T v : values) {
            copy.add(v);
        }
        return r -> copy.get(r.nextInt(copy.size()));
    }

    /** A value of one of {@code gens}, each chosen equally often. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        List<Gen<? extends T>> copy = new ArrayList<>(gens.length);
        for (Gen<? extends T> g : gens) {
            copy.add(g);
        }
        return oneOf(copy);
    }

    static <T> Gen<T> oneOf(List<? extends Gen<? extends T>> gens) {
        List<? extends Gen<? extends T>> copy = List.copyOf(gens);
        return r -> copy.get(r.nextInt(copy.size())).next(r);
    }

    static Gen<Boolean> booleans() {
        return SplittableRandom::nextBoolean;
    }

    /** Sizes for lists and arrays: half the time at most 3, so small cases come often. */
    static Gen<Integer> sizes(int min, int max) {
        return r -> r.nextBoolean() ? min + r.nextInt(Math.min(max, min + 3) - min + 1) : min + r.nextInt(max - min + 1);
    }

    /**
     * Ints in {@code [min, max]}; one in four is an edge: the bounds, 0, ±1 or a value where a DER INTEGER gains
     * a byte (127/128, 255/256, 32767/32768, ...).
     */
    static Gen<Integer> ints(int min, int max) {
        Gen<Long> longs = longs(min, max);
        return r -> (int) (long) longs.next(r);
    }

    /** Longs in {@code [min, max]}, with edges as for {@link #ints}. */
    static Gen<Long> longs(long min, long max) {
        List<Long> edges = new ArrayList<>(List.of(min, max, 0L, 1L, -1L));
        for (int bits = 7; bits < 63; bits += 8) {
            long top = (1L << bits) - 1;
            edges.addAll(List.of(top, top + 1, -top - 1, -top - 2));
        }
        edges.addAll(List.of(Long.MAX_VALUE, Long.MIN_VALUE));
        List<Long> inRange = edges.stream().filter(v -> v >= min && v <= max).toList();
        return r -> {
            if (r.nextInt(4) == 0) {
                return inRange.get(r.nextInt(inRange.size()));
            }
            if (r.nextBoolean()) {
                // Small magnitudes: the common case on the wire.
                long v = r.nextInt(-300, 301);
                if (v >= min && v <= max) {
                    return v;
                }
            }
            if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
                return r.nextLong();
            }
            // The bound is exclusive; Long.MAX_VALUE itself comes from the edges.
            return max == Long.MAX_VALUE ? r.nextLong(min, max) : r.nextLong(min, max + 1);
        };
    }

    /** Byte arrays of {@code min} to {@code max} bytes, uniformly random content. */
    static Gen<byte[]> bytes(int min, int max) {
        Gen<Integer> size = sizes(min, max);
        return r -> {
            byte[] b = new byte[size.next(r)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) r.nextInt(256);
            }
            return b;
        };
    }

    /** Present three times in four. */
    static Gen<OptionalInt> optionalInt(Gen<Integer> values) {
        return r -> r.nextInt(4) == 0 ? OptionalInt.empty() : OptionalInt.of(values.next(r));
    }
}
