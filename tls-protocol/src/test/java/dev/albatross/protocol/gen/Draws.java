package dev.albatross.protocol.gen;

import java.util.Random;

/**
 * Draws on a plain {@link Random} for the property tests that replay each try from its own seed (console, tender):
 * numbers with the distribution jqwik gave those tests before the project dropped it (see {@link Gen}).
 */
public final class Draws {
    private Draws() {
    }

    /**
     * An int in [min, max], small ones often, as jqwik drew them by default: bands each a third as far from min
     * as the one above (the nearest under 21 wide) are equally likely, and one draw in 21 is an edge.
     */
    public static int towardsMin(Random random, int min, int max) {
        if (random.nextInt(21) == 0) {
            int[] edges = {min, Math.min(min + 1, max), Math.max(max - 1, min), max};
            return edges[random.nextInt(edges.length)];
        }
        int bands = 1;
        for (int distance = max - min; distance > 20; distance /= 3) {
            bands++;
        }
        int band = random.nextInt(bands);
        int top = max - min;
        for (int k = 0; k < band; k++) {
            top /= 3;
        }
        int high = band == 0 ? top : top - 1;
        int low = band == bands - 1 ? 0 : top / 3;
        return min + low + random.nextInt(high - low + 1);
    }
}
