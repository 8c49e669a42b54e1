package dev.fanout.functional;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scripted {@link Graph.Hooks}: a task counts its run, notes its start and end, meets the tasks
 * it must run beside, waits for its gate if it has one (noting an interrupt), then fails if told
 * to, else returns {@code task(input)}. Tests order events with these latches, never by sleeping.
 */
final class Script implements Graph.Hooks {
  private static final long WAIT = 10;

  private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> started = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> ended = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> interrupted = new ConcurrentHashMap<>();
  private final Map<String, Exception> failures = new ConcurrentHashMap<>();
  private final List<String> events = new ArrayList<>();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostRunning = new AtomicInteger();
  private volatile Set<String> meeting = Set.of();
  private volatile CountDownLatch met = new CountDownLatch(0);

  /** Each of {@code tasks} waits until all of them are running at once. */
  Script meet(String... tasks) {
    meeting = Set.of(tasks);
    met = new CountDownLatch(tasks.length);
    return this;
  }

  /** Each of {@code tasks} waits until {@link #open(String)}. */
  Script gate(String... tasks) {
    for (String task : tasks) {
      gates.put(task, new CountDownLatch(1));
    }
    return this;
  }

  /** {@code task} throws {@code failure}, after its gate if it has one. */
  Script fail(String task, Exception failure) {
    failures.put(task, failure);
    return this;
  }

  void open(String task) {
    gates.get(task).countDown();
  }

  int runs(String task) {
    AtomicInteger count = runs.get(task);
    return count == null ? 0 : count.get();
  }

  boolean hasStarted(String task) {
    return latch(started, task).getCount() == 0;
  }

  boolean awaitStarted(String task) throws InterruptedException {
    return latch(started, task).await(WAIT, TimeUnit.SECONDS);
  }

  boolean awaitEnded(String task) throws InterruptedException {
    return latch(ended, task).await(WAIT, TimeUnit.SECONDS);
  }

  boolean awaitInterrupted(String task) throws InterruptedException {
    return latch(interrupted, task).await(WAIT, TimeUnit.SECONDS);
  }

  /** Bodies running now. */
  int running() {
    return running.get();
  }

  /** The most bodies that ever ran at once. */
  int mostRunning() {
    return mostRunning.get();
  }

  /** {@code start x} and {@code end x}, in the order they happened. */
  List<String> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  @Override
  public String run(String task, String input) throws Exception {
    runs.computeIfAbsent(task, t -> new AtomicInteger()).incrementAndGet();
    mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
    note("start " + task);
    latch(started, task).countDown();
    try {
      if (meeting.contains(task)) {
        met.countDown();
        if (!met.await(WAIT, TimeUnit.SECONDS)) {
          throw new AssertionError(task + " never ran beside " + meeting);
        }
      }
      CountDownLatch gate = gates.get(task);
      if (gate != null) {
        try {
          gate.await();
        } catch (InterruptedException e) {
          latch(interrupted, task).countDown();
          throw e;
        }
      }
      Exception failure = failures.get(task);
      if (failure != null) {
        throw failure;
      }
      return task + "(" + input + ")";
    } finally {
      running.decrementAndGet();
      note("end " + task);
      latch(ended, task).countDown();
    }
  }

  private void note(String event) {
    synchronized (events) {
      events.add(event);
    }
  }

  private static CountDownLatch latch(Map<String, CountDownLatch> map, String task) {
    return map.computeIfAbsent(task, t -> new CountDownLatch(1));
  }
}
