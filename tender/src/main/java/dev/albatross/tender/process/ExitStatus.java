package dev.albatross.tender.process;

/**
 * How a tender ended, as {@code waitid} reports it: an exit code, or the signal that killed it. Unlike
 * {@link Process#exitValue()} (128+n for a signal) an exit code of 143 and SIGTERM stay distinct, which the restart
 * rules of spec §7.4 need (any signal: never restart; exit 1: never; other codes: per policy).
 */
public sealed interface ExitStatus {
    enum Kind { EXITED, SIGNALED, STOPPED }

    Kind kind();

    /** Albatross's log text (spec §7.4): "exit 0", "signal SIGTERM (numeric 15)", "stop SIGSTOP (numeric 19)". */
    String describe();

    /** The process called exit; {@code code} is 0..255. */
    record Exited(int code) implements ExitStatus {
        public Exited {
            if (code < 0 || code > 255) {
                throw new IllegalArgumentException("exit code must be 0..255: " + code);
            }
        }

        @Override
        public Kind kind() {
            return Kind.EXITED;
        }

        @Override
        public String describe() {
            return "exit " + code;
        }
    }

    /** A signal killed the process. */
    record Signaled(int signal, boolean coreDumped) implements ExitStatus {
        public Signaled {
            requireSignal(signal);
        }

        @Override
        public Kind kind() {
            return Kind.SIGNALED;
        }

        // Compat §7.4: Albatross prints OCaml's internal (negative) signal constant as "numeric"; we print the
        // POSIX number, which is what an operator can look up.
        @Override
        public String describe() {
            return "signal " + SignalNames.name(signal) + " (numeric " + signal + ")";
        }
    }

    /** A signal stopped the process; only reported when stops are waited for, which the supervisor does not do. */
    record Stopped(int signal) implements ExitStatus {
        public Stopped {
            requireSignal(signal);
        }

        @Override
        public Kind kind() {
            return Kind.STOPPED;
        }

        @Override
        public String describe() {
            return "stop " + SignalNames.name(signal) + " (numeric " + signal + ")";
        }
    }

    private static void requireSignal(int signal) {
        if (signal < 1 || signal > SignalNames.MAX_SIGNAL) {
            throw new IllegalArgumentException("signal must be 1.." + SignalNames.MAX_SIGNAL + ": " + signal);
        }
    }
}
