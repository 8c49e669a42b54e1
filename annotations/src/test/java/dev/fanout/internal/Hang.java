package dev.fanout.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A task body that blocks until it is interrupted, recording that it started and that it was
 * interrupted. One instance is meant for one submitted task.
 */
final class Hang implements Callable<String> {
  private static final long WAIT_SECONDS = 5;

  private final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch interrupted = new CountDownLatch(1);

  @Override
  public String call() throws InterruptedException {
    started.countDown();
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      interrupted.countDown();
      throw e;
    }
    return "never";
  }

  /** Whether the body started within five seconds. */
  boolean awaitStarted() throws InterruptedException {
    return started.await(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** Blocks, without a time limit, until the body has started; for use inside another task. */
  void blockUntilStarted() throws InterruptedException {
    started.await();
  }

  /** Whether the body was interrupted within five seconds. */
  boolean awaitInterrupted() throws InterruptedException {
    return interrupted.await(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** Whether the body was interrupted within {@code millis}: for checking that it was not. */
  boolean interruptedWithin(long millis) throws InterruptedException {
    return interrupted.await(millis, TimeUnit.MILLISECONDS);
  }

  /**
   * For a cancelled task: a task cancelled before it started never runs, so it is enough that
   * it has not started; one that had started must be interrupted within five seconds.
   */
  boolean interruptedIfStarted() throws InterruptedException {
    return started.getCount() == 1 || interrupted.await(WAIT_SECONDS, TimeUnit.SECONDS);
  }
}
