package dev.albatross.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.protocol.gen.ForAll;
import dev.albatross.protocol.gen.Gen;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * STYLE: "A test walks getPermittedSubclasses() and fails on any alternative that has no round-trip
 * generator." Adding a record to a sealed choice without a generator in {@link WireGen} fails here, so the
 * round-trip properties cannot silently miss it.
 */
class SealedAlternativesTest {
    /** Every sealed choice of protocol.wire. */
    private static final List<Class<?>> CHOICES = List.of(Payload.class, Command.class, ConsoleCmd.class,
            StatsCmd.class, UnikernelCmd.class, PolicyCmd.class, BlockCmd.class, Success.class, Data.class,
            FailBehaviour.class);

    @Test
    void everyAlternativeOfEverySealedChoiceHasAGenerator() {
        Map<Class<?>, Gen<?>> generators = WireGen.alternatives();
        Set<Class<?>> missing = new LinkedHashSet<>();
        for (Class<?> choice : CHOICES) {
            assertTrue(choice.isSealed(), choice + " is no longer sealed");
            for (Class<?> alternative : alternatives(choice)) {
                if (!generators.containsKey(alternative)) {
                    missing.add(alternative);
                }
            }
        }
        assertTrue(missing.isEmpty(), "alternatives without a generator in WireGen.alternatives(): " + missing);
    }

    @Test
    void everyGeneratorBelongsToAChoiceAndMakesItsOwnAlternative() {
        Set<Class<?>> all = new LinkedHashSet<>();
        CHOICES.forEach(c -> all.addAll(alternatives(c)));
        WireGen.alternatives().forEach((type, gen) -> {
            assertTrue(all.contains(type), type + " has a generator but is no alternative of a sealed choice");
            for (int i = 0; i < 50; i++) {
                SplittableRandom random = ForAll.randomFor(ForAll.DEFAULT_SEED, type.getName(), i);
                assertEquals(type, gen.next(random).getClass(), "generator for " + type.getSimpleName());
            }
        });
    }

    @Test
    void thereAreAsManyAlternativesAsTheSpecListsTags() {
        // Spec §5.2-§5.6: 4 console, 4 stats, 8 unikernel (create/force-create cover 3 tags each), 3 policy,
        // 8 block, 11 success, 3 data, 1 failure; fail behaviour 2.
        assertEquals(42, alternatives(Payload.class).size());
        assertEquals(2, alternatives(FailBehaviour.class).size());
    }

    /** The records (leaves) below {@code choice}: sealed interfaces are walked through. */
    static Set<Class<?>> alternatives(Class<?> choice) {
        Set<Class<?>> leaves = new LinkedHashSet<>();
        for (Class<?> permitted : choice.getPermittedSubclasses()) {
            if (permitted.isSealed()) {
                leaves.addAll(alternatives(permitted));
            } else {
                leaves.add(permitted);
            }
        }
        return leaves;
    }
}
