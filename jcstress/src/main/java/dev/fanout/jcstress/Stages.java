package dev.fanout.jcstress;

import dev.fanout.FanOutTimeoutException;
import dev.fanout.internal.Site;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What the tests share: an executor that is never used, a site, and how a future ended. */
final class Stages {
  /** The tests' tasks are all stages, which never touch the executor; running inline is a fallback. */
  static final Executor INLINE = Runnable::run;

  /** How long an arbiter waits for a future before it calls the call hung. */
  private static final long HANG_SECONDS = 5;

  private Stages() {}

  static Site site(String name) {
    return Site.named("Jcstress." + name);
  }

  /**
   * How {@code future} ended, waiting at most five seconds: {@code OK}, {@code TIMEOUT} (either
   * timeout type), {@code CANCELLED}, {@code HUNG}, or the failure's class name.
   */
  static String ending(CompletableFuture<?> future) {
    try {
      future.get(HANG_SECONDS, TimeUnit.SECONDS);
      return "OK";
    } catch (TimeoutException e) {
      return "HUNG";
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TimeoutException || cause instanceof FanOutTimeoutException) {
        return "TIMEOUT";
      }
      return cause.getClass().getSimpleName();
    } catch (java.util.concurrent.CancellationException e) {
      return "CANCELLED";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "INTERRUPTED";
    }
  }

  /** Spins (a jcstress actor must not park for long) until {@code System.nanoTime()} is past {@code at}. */
  static void spinUntil(long at) {
    while (System.nanoTime() - at <= 0) {
      Thread.onSpinWait();
    }
  }
}
