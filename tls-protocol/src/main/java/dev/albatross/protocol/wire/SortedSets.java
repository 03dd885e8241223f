package dev.albatross.protocol.wire;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Sets on the wire held as sorted, duplicate-free immutable lists. The common case, a list already in order,
 * costs one pass and no sorting (a decoded info reply holds hundreds of these).
 */
final class SortedSets {
    private SortedSets() {
    }

    static <T extends Comparable<? super T>> List<T> of(List<T> values) {
        return of(values, Comparator.naturalOrder());
    }

    static <T> List<T> of(List<T> values, Comparator<? super T> order) {
        for (int i = 1; i < values.size(); i++) {
            if (order.compare(values.get(i - 1), values.get(i)) >= 0) {
                List<T> copy = new ArrayList<>(values);
                copy.sort(order);
                List<T> distinct = new ArrayList<>(copy.size());
                for (T v : copy) {
                    if (distinct.isEmpty() || order.compare(distinct.get(distinct.size() - 1), v) != 0) {
                        distinct.add(v);
                    }
                }
                return List.copyOf(distinct);
            }
        }
        return List.copyOf(values);
    }
}
