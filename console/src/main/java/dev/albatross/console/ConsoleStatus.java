package dev.albatross.console;

/**
 * What the registry holds for one console, for metrics and tests.
 *
 * @param active        its unikernel runs and its fifo is read
 * @param hasHistory    it has a ring buffer (listed by {@code Console_list_inactive} once inactive)
 * @param lines         lines kept
 * @param nextSequence  the sequence number of the next line
 * @param subscribers   subscribers connected
 * @param retainedBytes heap bytes its history holds
 */
public record ConsoleStatus(boolean active, boolean hasHistory, int lines, long nextSequence, int subscribers,
        long retainedBytes) {
}
