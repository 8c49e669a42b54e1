package dev.fanout.internal;

import dev.fanout.FanOutTimeoutException;
import dev.fanout.ReturnWhen;
import dev.fanout.TaskFailedException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/**
 * What one fan-out method says, fixed at compile time: its attributes and the checked exceptions
 * it declares, which decide how a failure, a timeout or an interrupt reaches its caller.
 *
 * <p>Immutable; each generated fan-out method keeps one in a {@code static final} field.
 */
public final class Site {
  private final String name;
  private final ReturnWhen returnWhen;
  private final boolean cancelOnFailure;
  private final int maxConcurrency;
  private final Duration timeout;
  private final List<Class<?>> declared;

  private Site(
      String name,
      ReturnWhen returnWhen,
      boolean cancelOnFailure,
      int maxConcurrency,
      Duration timeout,
      List<Class<?>> declared) {
    this.name = name;
    this.returnWhen = returnWhen;
    this.cancelOnFailure = cancelOnFailure;
    this.maxConcurrency = maxConcurrency;
    this.timeout = timeout;
    this.declared = declared;
  }

  /** A site named {@code name} (e.g. {@code "Dashboard.overview"}), with the defaults. */
  public static Site named(String name) {
    return new Site(name, ReturnWhen.ALL_COMPLETED, true, 0, null, List.of());
  }

  /** The same site with {@code @Wait}'s {@code returnWhen}. */
  public Site returnWhen(ReturnWhen value) {
    return new Site(name, value, cancelOnFailure, maxConcurrency, timeout, declared);
  }

  /** The same site with {@code @Gather}'s {@code cancelOnFailure}. */
  public Site cancelOnFailure(boolean value) {
    return new Site(name, returnWhen, value, maxConcurrency, timeout, declared);
  }

  /** The same site with at most {@code value} invocations in flight; 0 = unbounded. */
  public Site maxConcurrency(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("maxConcurrency < 0: " + value);
    }
    return new Site(name, returnWhen, cancelOnFailure, value, timeout, declared);
  }

  /** The same site with a default timeout; null = none. */
  public Site timeout(Duration value) {
    return new Site(name, returnWhen, cancelOnFailure, maxConcurrency, value, declared);
  }

  /** The same site, whose fan-out method declares {@code exceptions}. */
  public Site declaring(Class<?>... exceptions) {
    return new Site(name, returnWhen, cancelOnFailure, maxConcurrency, timeout, List.of(exceptions));
  }

  String name() {
    return name;
  }

  ReturnWhen returnWhen() {
    return returnWhen;
  }

  boolean cancelOnFailure() {
    return cancelOnFailure;
  }

  int maxConcurrency() {
    return maxConcurrency;
  }

  Duration timeout() {
    return timeout;
  }

  /** Whether the fan-out method may throw {@code type} as it is. */
  boolean declares(Class<? extends Throwable> type) {
    for (Class<?> d : declared) {
      if (d.isAssignableFrom(type)) {
        return true;
      }
    }
    return false;
  }

  /**
   * What a blocking call throws for a task's failure: unchecked ones and declared checked ones
   * as they are, other checked ones in a {@link TaskFailedException}.
   */
  Throwable failure(String task, int index, Throwable exception, boolean mayThrowChecked) {
    if (exception instanceof RuntimeException || exception instanceof Error) {
      return exception;
    }
    if (mayThrowChecked && declares(exception.getClass())) {
      return exception;
    }
    return new TaskFailedException(task, index, exception);
  }

  /**
   * What a call throws when its timeout passes: a declared {@code TimeoutException} where the
   * call may throw checked exceptions (a blocking fan-out method, not a stream), else a
   * {@link FanOutTimeoutException}.
   */
  Throwable timedOut(Duration after, boolean mayThrowChecked) {
    String message = name + " timed out after " + after;
    if (mayThrowChecked && declares(TimeoutException.class)) {
      return new TimeoutException(message);
    }
    return new FanOutTimeoutException(name, after);
  }

  /**
   * What a call throws when its caller is interrupted: the {@code InterruptedException} if
   * declared and the call may throw checked exceptions, else a {@link CancellationException} with the interrupt flag set again.
   */
  Throwable interrupted(InterruptedException e, boolean mayThrowChecked) {
    if (mayThrowChecked && declares(InterruptedException.class)) {
      return e;
    }
    Thread.currentThread().interrupt();
    CancellationException cancelled =
        new CancellationException(name + " was interrupted; its tasks were cancelled");
    cancelled.initCause(e);
    return cancelled;
  }

  @Override
  public String toString() {
    return "Site[" + name + "]";
  }
}
