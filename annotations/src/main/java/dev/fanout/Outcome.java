package dev.fanout;

import java.util.Objects;

/**
 * How one task ended: {@link Success} with its value or {@link Failure} with its exception.
 *
 * <p>A checked failure sits in {@code Failure} unwrapped, exactly as the task threw it.
 *
 * <pre>{@code
 * @Gather(value = "user", returnExceptions = true)
 * abstract List<Outcome<User>> users(List<Long> ids);
 *
 * for (Outcome<User> outcome : dashboard.users(ids)) {
 *   switch (outcome) {
 *     case Outcome.Success<User> s -> show(s.value());     // Java 21; on 17 use instanceof
 *     case Outcome.Failure<User> f -> log(f.exception());
 *   }
 * }
 * }</pre>
 *
 * @param <T> the task's result type
 */
public sealed interface Outcome<T> permits Outcome.Success, Outcome.Failure {

  /**
   * A task that returned {@code value}.
   *
   * @param value what the task returned, which may be {@code null}
   * @param <T> the task's result type
   */
  record Success<T>(T value) implements Outcome<T> {
    @Override
    public T getOrThrow() {
      return value;
    }
  }

  /**
   * A task that threw {@code exception}, or was cancelled.
   *
   * @param exception what the task threw, unwrapped, or a {@code CancellationException}
   * @param <T> the task's result type
   */
  record Failure<T>(Throwable exception) implements Outcome<T> {
    /**
     * Creates a failure.
     *
     * @param exception what the task threw; not null
     */
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
   * The value, or the failure thrown.
   *
   * @return the value of a {@link Success}
   * @throws RuntimeException for a {@link Failure}: its exception if unchecked (an
   *     {@link Error} is thrown as it is too), else a {@link TaskFailedException} with it as
   *     the cause
   */
  T getOrThrow();
}
