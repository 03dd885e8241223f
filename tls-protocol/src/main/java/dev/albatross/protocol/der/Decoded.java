package dev.albatross.protocol.der;

import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of decoding untrusted input: a value, or the {@link DecodeError} that says why not. Decoders
 * return this instead of throwing, so a caller at a trust boundary cannot forget the failure case.
 */
public sealed interface Decoded<T> {

    static <T> Decoded<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Decoded<T> failed(DecodeError error) {
        return new Failed<>(error);
    }

    /** Applies {@code onOk} to the value or {@code onError} to the error. */
    <R> R fold(Function<? super T, ? extends R> onOk, Function<? super DecodeError, ? extends R> onError);

    /** The value, or an {@link IllegalArgumentException} with the error's message. For tests and trusted input. */
    default T orElseThrow() {
        return fold(v -> v, e -> {
            throw new IllegalArgumentException(e.message());
        });
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    record Ok<T>(T value) implements Decoded<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public <R> R fold(Function<? super T, ? extends R> onOk, Function<? super DecodeError, ? extends R> onError) {
            return onOk.apply(value);
        }
    }

    record Failed<T>(DecodeError error) implements Decoded<T> {
        public Failed {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public <R> R fold(Function<? super T, ? extends R> onOk, Function<? super DecodeError, ? extends R> onError) {
            return onError.apply(error);
        }
    }
}
