package dev.albatross.tender.process;

import java.util.List;

/** Linux signal names (x86_64 and aarch64 numbering, asm-generic/signal.h). */
final class SignalNames {
    static final int MAX_SIGNAL = 64;
    private static final int SIGRTMIN = 34;

    private static final List<String> STANDARD = List.of(
            "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
            "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
            "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
            "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS");

    private SignalNames() {
    }

    static String name(int signal) {
        if (signal >= 1 && signal <= STANDARD.size()) {
            return STANDARD.get(signal - 1);
        }
        if (signal >= SIGRTMIN && signal <= MAX_SIGNAL) {
            return signal == SIGRTMIN ? "SIGRTMIN" : "SIGRTMIN+" + (signal - SIGRTMIN);
        }
        // 32 and 33 are glibc's internal signals; no process should die of them.
        return "SIG" + signal;
    }
}
