package dev.albatross.protocol.x509;

import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of checking a client's chain: a value, or the {@link ChainRefusal} that says why not. Returned
 * instead of thrown, so the TLS edge cannot forget the refusal case (STYLE: expected failures are values).
 */
public sealed interface ChainOutcome<T> {

    static <T> ChainOutcome<T> accepted(T value) {
        return new Accepted<>(value);
    }

    static <T> ChainOutcome<T> refused(ChainRefusal refusal) {
        return new Refused<>(refusal);
    }

    static <T> ChainOutcome<T> refused(ChainRefusal.Reason reason, String message) {
        return new Refused<>(new ChainRefusal(reason, message));
    }

    /** Applies {@code onAccepted} to the value or {@code onRefused} to the refusal. */
    <R> R fold(Function<? super T, ? extends R> onAccepted, Function<? super ChainRefusal, ? extends R> onRefused);

    /** This outcome's value passed to {@code next}, or this refusal. */
    default <R> ChainOutcome<R> then(Function<? super T, ChainOutcome<R>> next) {
        return fold(next::apply, ChainOutcome::refused);
    }

    /** True if the chain was accepted. */
    default boolean isAccepted() {
        return this instanceof Accepted;
    }

    /** The value, or an {@link IllegalStateException} with the refusal. For tests and trusted input. */
    default T orElseThrow() {
        return fold(v -> v, r -> {
            throw new IllegalStateException(r.toString());
        });
    }

    record Accepted<T>(T value) implements ChainOutcome<T> {
        public Accepted {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public <R> R fold(Function<? super T, ? extends R> onAccepted,
                Function<? super ChainRefusal, ? extends R> onRefused) {
            return onAccepted.apply(value);
        }
    }

    record Refused<T>(ChainRefusal refusal) implements ChainOutcome<T> {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
        }

        @Override
        public <R> R fold(Function<? super T, ? extends R> onAccepted,
                Function<? super ChainRefusal, ? extends R> onRefused) {
            return onRefused.apply(refusal);
        }
    }
}
