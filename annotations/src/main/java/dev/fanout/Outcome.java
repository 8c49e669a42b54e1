package dev.fanout;

import java.util.Objects;

/**
 * How one task ended: {@link Success} with its value or {@link Failure} with its exception.
 *
 * <p>A checked failure sits in {@code Failure} unwrapped, exactly as the task threw it.
 *
 * @param <T> the task's result type
 */
public sealed interface Outcome<T> permits Outcome.Success, Outcome.Failure {

  /** A task that returned {@code value} (which may be {@code null}). */
  record Success<T>(T value) implements Outcome<T> {
    @Override
    public T getOrThrow() {
      return value;
    }
  }

  /** A task that threw {@code exception}, or was cancelled ({@code CancellationException}). */
  record Failure<T>(Throwable exception) implements Outcome<T> {
    /** Creates a failure; {@code exception} must not be null. */
    public Failure {
      Objects.requireNonNull(exception, "exception");
    }

    @Override
    public T getOrThrow() {
      if (exception instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      if (exception instanceof Error error) {
        throw error;
      }
      throw new TaskFailedException(exception);
    }
  }

  /**
   * The value of a {@link Success}; for a {@link Failure}, its exception if unchecked, else a
   * {@link TaskFailedException} with it as the cause.
   */
  T getOrThrow();
}
