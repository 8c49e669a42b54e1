package dev.fanout.functional;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Scripted {@link Race.Hooks}: {@code work(x)} marks x started, waits for x's gate if it has one
 * (noting an interrupt), then fails if told to, else returns {@code "work x"}. Tests order
 * events with these latches instead of sleeping.
 */
final class Gates implements Race.Hooks {
  private final Map<Integer, CountDownLatch> started = new ConcurrentHashMap<>();
  private final Map<Integer, CountDownLatch> gates = new ConcurrentHashMap<>();
  private final Map<Integer, CountDownLatch> interrupted = new ConcurrentHashMap<>();
  private final Map<Integer, Exception> failures = new ConcurrentHashMap<>();

  /** x waits until {@link #open(int)}. */
  Gates gate(int... xs) {
    for (int x : xs) {
      gates.put(x, new CountDownLatch(1));
    }
    return this;
  }

  /** x throws {@code failure} (after its gate, if any). */
  Gates fail(int x, Exception failure) {
    failures.put(x, failure);
    return this;
  }

  void open(int x) {
    gates.get(x).countDown();
  }

  boolean awaitStarted(int x) throws InterruptedException {
    return latch(started, x).await(5, TimeUnit.SECONDS);
  }

  boolean hasStarted(int x) {
    return latch(started, x).getCount() == 0;
  }

  boolean awaitInterrupted(int x) throws InterruptedException {
    return latch(interrupted, x).await(5, TimeUnit.SECONDS);
  }

  boolean wasInterrupted(int x) {
    return latch(interrupted, x).getCount() == 0;
  }

  private static CountDownLatch latch(Map<Integer, CountDownLatch> map, int x) {
    return map.computeIfAbsent(x, k -> new CountDownLatch(1));
  }

  @Override
  public String work(int x) throws Exception {
    latch(started, x).countDown();
    CountDownLatch gate = gates.get(x);
    if (gate != null) {
      try {
        gate.await();
      } catch (InterruptedException e) {
        latch(interrupted, x).countDown();
        throw e;
      }
    }
    Exception failure = failures.get(x);
    if (failure != null) {
      throw failure;
    }
    return "work " + x;
  }

  @Override
  public String first() throws Exception {
    return work(1);
  }

  @Override
  public String second() throws Exception {
    return work(2);
  }
}
