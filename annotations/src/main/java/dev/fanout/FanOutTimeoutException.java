package dev.fanout;

import java.time.Duration;

/**
 * A fan-out call's timeout passed, where the fan-out method does not declare
 * {@link java.util.concurrent.TimeoutException}. The unfinished tasks have been cancelled.
 */
public class FanOutTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A timeout of {@code timeout} in the fan-out method {@code site}. */
  public FanOutTimeoutException(String site, Duration timeout) {
    super(site + " timed out after " + timeout);
  }
}
