package dev.fanout.internal;

import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * fanout's own deadline timer: one daemon thread that only hands expired deadlines on. What a
 * deadline causes (cancelling tasks, completing a future and so running its callbacks) runs on
 * the default executor, so a slow callback of one call never delays the deadline of another, and
 * no user code runs on the JDK's shared delay scheduler.
 */
final class Deadlines {
  private Deadlines() {}

  private static final class Holder {
    static final ScheduledThreadPoolExecutor TIMER = timer();
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "fanout-timer");
              thread.setDaemon(true);
              return thread;
            });
    timer.setRemoveOnCancelPolicy(true); // a call that ends early leaves nothing queued
    return timer;
  }

  /** Runs {@code expire} off the timer thread once {@code nanos} have passed, unless cancelled. */
  static Future<?> schedule(Runnable expire, long nanos) {
    return Holder.TIMER.schedule(() -> handOn(expire), nanos, TimeUnit.NANOSECONDS);
  }

  private static void handOn(Runnable expire) {
    try {
      DefaultExecutor.get().execute(expire);
    } catch (Throwable rejected) {
      expire.run(); // never lose a deadline: late on the timer is better than never
    }
  }
}
