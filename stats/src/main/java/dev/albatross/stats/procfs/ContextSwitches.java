package dev.albatross.stats.procfs;

/** {@code voluntary_ctxt_switches} and {@code nonvoluntary_ctxt_switches} of {@code /proc/<pid>/status}. */
public record ContextSwitches(long voluntary, long involuntary) {
    private static final String VOLUNTARY = "voluntary_ctxt_switches";
    private static final String INVOLUNTARY = "nonvoluntary_ctxt_switches";

    /** Finds both keys among the {@code Key:\tvalue} lines; the value is trimmed, as Albatross does. */
    public static ContextSwitches parse(String status) throws ProcfsException {
        return new ContextSwitches(value(status, VOLUNTARY), value(status, INVOLUNTARY));
    }

    private static long value(String status, String key) throws ProcfsException {
        int from = 0;
        while (from < status.length()) {
            int end = status.indexOf('\n', from);
            if (end < 0) {
                end = status.length();
            }
            int colon = from + key.length();
            if (status.startsWith(key, from) && colon < end && status.charAt(colon) == ':') {
                String v = status.substring(colon + 1, end).trim();
                try {
                    return Long.parseLong(v);
                } catch (NumberFormatException e) {
                    throw new ProcfsException("status: " + key + " is not an integer: " + v, e);
                }
            }
            from = end + 1;
        }
        throw new ProcfsException("status: no " + key);
    }
}
