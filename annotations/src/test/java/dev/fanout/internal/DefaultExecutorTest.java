package dev.fanout.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Java 17 default executor's two properties, as functional properties (its speed is measured
 * in the benchmarks, never here): a burst of tiny tasks runs on about as many threads as cores,
 * as a fixed pool would; and tasks that block all get a thread, as a cached pool would. Tested on
 * any JDK: on 21+ {@link DefaultExecutor#get()} is virtual threads, so the pool is built directly.
 */
class DefaultExecutorTest {

  /**
   * The pool under an elastic gather (see {@code FanOutCall.launchesElastically}), which queues
   * only a few runners rather than every task: when the runners block, the ones waiting in the
   * queue still make the pool grow, and each that starts hands on more, until all have met.
   */
  @Test
  @Timeout(120)
  void anElasticGatherOfTasksThatBlockStillRunsThemAllAtOnce() {
    DefaultExecutor.Elastic pool = new DefaultExecutor.Elastic("test-gather-blocked-");
    int tasks = 2_000;
    CountDownLatch started = new CountDownLatch(tasks);
    FanOutCall<Integer> call = new FanOutCall<>(pool, Site.named("Test.meet"), tasks);
    for (int i = 0; i < tasks; i++) {
      int index = i;
      call.submit("meet", () -> {
        started.countDown();
        if (!started.await(100, TimeUnit.SECONDS)) {
          throw new AssertionError("task " + index + " never saw the others start; " + pool);
        }
        return index;
      });
    }
    assertEquals(tasks, call.gatherList().size());
  }

  /** The same gather of tiny tasks stays on about as many threads as cores. */
  @Test
  @Timeout(60)
  void anElasticGatherOfTinyTasksRunsOnAboutAsManyThreadsAsCores() {
    DefaultExecutor.Elastic pool = new DefaultExecutor.Elastic("test-gather-burst-");
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    int tasks = 100_000;
    for (int round = 0; round < 5; round++) {
      FanOutCall<Integer> call = new FanOutCall<>(pool, Site.named("Test.burst"), tasks);
      TaskFunction<Integer, Integer> tiny = x -> {
        threads.add(Thread.currentThread());
        return x;
      };
      for (int i = 0; i < tasks; i++) {
        call.submit("tiny", tiny, i);
      }
      assertEquals(tasks, call.gatherList().size());
    }
    assertTrue(
        threads.size() <= pool.parallelism() + 16,
        threads.size() + " threads ran " + 5 * tasks + " tiny tasks on " + pool);
  }

  @Test
  @Timeout(60)
  void aBurstOfTinyTasksRunsOnAboutAsManyThreadsAsCores() throws InterruptedException {
    DefaultExecutor.Elastic pool = new DefaultExecutor.Elastic("test-burst-");
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    int bursts = 10;
    int tasks = 20_000;
    for (int burst = 0; burst < bursts; burst++) {
      CountDownLatch done = new CountDownLatch(tasks);
      for (int i = 0; i < tasks; i++) {
        pool.execute(
            () -> {
              threads.add(Thread.currentThread());
              done.countDown();
            });
      }
      assertTrue(done.await(30, TimeUnit.SECONDS), "the burst ran");
    }
    // The 0.1 default, a cached pool, started thousands here; a fixed pool uses `parallelism`.
    // Generous: the supervisor may take a worker caught waiting for the queue for a blocked one.
    assertTrue(
        threads.size() <= pool.parallelism() + 16,
        threads.size() + " threads ran " + bursts * tasks + " tiny tasks on " + pool);
  }

  @Test
  @Timeout(120)
  void tenThousandBlockedTasksAllRunAtOnce() throws InterruptedException {
    DefaultExecutor.Elastic pool = new DefaultExecutor.Elastic("test-blocked-");
    int tasks = 10_000;
    CountDownLatch started = new CountDownLatch(tasks);
    CountDownLatch finished = new CountDownLatch(tasks);
    AtomicInteger finishedBeforeAllStarted = new AtomicInteger();
    for (int i = 0; i < tasks; i++) {
      pool.execute(
          () -> {
            started.countDown();
            try {
              // Blocks until every task has started: only a pool that gives each blocked task a
              // thread of its own gets past this (a fixed pool never would).
              if (!started.await(100, TimeUnit.SECONDS)) {
                finishedBeforeAllStarted.incrementAndGet();
              }
            } catch (InterruptedException e) {
              finishedBeforeAllStarted.incrementAndGet();
            } finally {
              finished.countDown();
            }
          });
    }
    assertTrue(finished.await(110, TimeUnit.SECONDS), "all tasks ended; " + pool);
    assertEquals(0, finishedBeforeAllStarted.get(), "tasks that ended before all had started");
  }

  @Test
  @Timeout(60)
  void itsThreadsAreFanoutDaemonsNeverTheCommonPool() throws InterruptedException {
    DefaultExecutor.Elastic pool = new DefaultExecutor.Elastic("test-daemon-");
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    CountDownLatch done = new CountDownLatch(100);
    for (int i = 0; i < 100; i++) {
      pool.execute(
          () -> {
            threads.add(Thread.currentThread());
            done.countDown();
          });
    }
    assertTrue(done.await(30, TimeUnit.SECONDS));
    for (Thread thread : threads) {
      assertTrue(thread.isDaemon(), thread + " is a daemon");
      assertFalse(thread instanceof ForkJoinWorkerThread, "never the common pool");
      assertTrue(thread.getName().startsWith("test-daemon-"), thread.getName());
    }
  }
}
