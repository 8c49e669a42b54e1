package dev.fanout;

import java.time.Duration;

/**
 * A fan-out call's timeout passed, where the fan-out method does not declare
 * {@link java.util.concurrent.TimeoutException}. The unfinished tasks have been cancelled.
 *
 * <pre>{@code
 * @Gather(value = "user", timeout = "PT2S")
 * abstract List<User> users(List<Long> ids);              // throws FanOutTimeoutException
 *
 * @Gather("user")
 * abstract List<User> users(List<Long> ids, Duration timeout) throws TimeoutException;
 * }</pre>
 *
 * <p>Task failures that happened before the timeout are attached to it as suppressed.
 */
public class FanOutTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * A timeout of the fan-out method {@code site}.
   *
   * @param site the fan-out method, e.g. {@code Dashboard.users}
   * @param timeout the timeout that passed
   */
  public FanOutTimeoutException(String site, Duration timeout) {
    super(site + " timed out after " + timeout);
  }
}
