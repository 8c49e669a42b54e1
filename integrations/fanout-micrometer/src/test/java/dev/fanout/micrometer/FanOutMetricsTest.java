package dev.fanout.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.FanOut;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Timers per site and per task, tagged with the outcome, and the gauge of running calls. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FanOutMetricsTest {
  private static final ExecutorService POOL = Executors.newCachedThreadPool();
  private static final ExecutorService CLIENT = Executors.newFixedThreadPool(2);

  private final Metered metered = new MeteredCoordinator(POOL);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private FanOut.Registration registration;

  @BeforeEach
  void register() {
    Metered.client = CLIENT;
    registration = FanOut.register(new FanOutMetrics(registry));
  }

  @AfterEach
  void unregister() {
    registration.close();
    registry.close();
  }

  @AfterAll
  static void shutdown() {
    POOL.shutdownNow();
    CLIENT.shutdownNow();
  }

  @Test
  void aCompletedCallIsTimedPerSiteAndPerTask() {
    metered.oks(List.of("a", "b", "c"));
    metered.oks(List.of("d"));
    awaitCount(2, () -> calls("Metered.oks", "COMPLETED"));
    assertTrue(registry.get("fanout.call").tags("site", "Metered.oks").timer()
        .totalTime(TimeUnit.NANOSECONDS) > 0);
    awaitCount(4, () -> tasks("Metered.oks", "ok", "SUCCESS"));
  }

  @Test
  void aFailureTagsTheCallTheFailedTaskAndTheCancelledSibling() {
    Metered.started = new CountDownLatch(1);
    Metered.release = new CountDownLatch(1); // never released: the failure cancels it
    assertThrows(IllegalStateException.class, () -> metered.failOrHeld("x"));
    awaitCount(1, () -> calls("Metered.failOrHeld", "FAILED"));
    awaitCount(1, () -> tasks("Metered.failOrHeld", "fail", "FAILED"));
    awaitCount(1, () -> tasks("Metered.failOrHeld", "held", "CANCELLED"));
    assertNull(registry.find("fanout.call").tags("outcome", "COMPLETED").timer());
  }

  @Test
  void theGaugeCountsTheCallsRunningNow() throws Exception {
    assertEquals(0.0, registry.get("fanout.calls.active").gauge().value());
    Metered.started = new CountDownLatch(4);
    Metered.release = new CountDownLatch(1);
    CompletableFuture<List<String>> first = metered.helds(List.of("a", "b"));
    CompletableFuture<List<String>> second = metered.helds(List.of("c", "d"));
    assertTrue(Metered.started.await(10, TimeUnit.SECONDS));
    assertEquals(2.0, registry.get("fanout.calls.active").gauge().value());
    Metered.release.countDown();
    assertEquals(List.of("a", "b"), first.get(10, TimeUnit.SECONDS));
    assertEquals(List.of("c", "d"), second.get(10, TimeUnit.SECONDS));
    assertEquals(0.0, registry.get("fanout.calls.active").gauge().value());
    assertEquals(2, registry.get("fanout.call")
        .tags("site", "Metered.helds", "outcome", "COMPLETED").timer().count());
  }

  @Test
  void aCancelledCallIsTaggedSo() throws Exception {
    Metered.started = new CountDownLatch(2);
    Metered.release = new CountDownLatch(1); // never released: the call is cancelled
    CompletableFuture<List<String>> call = metered.helds(List.of("a", "b"));
    assertTrue(Metered.started.await(10, TimeUnit.SECONDS));
    call.cancel(true);
    assertEquals(1, registry.get("fanout.call")
        .tags("site", "Metered.helds", "outcome", "CANCELLED").timer().count());
    awaitCount(2, () -> tasks("Metered.helds", "held", "CANCELLED"));
    assertEquals(0.0, registry.get("fanout.calls.active").gauge().value());
  }

  @Test
  void stageTasksUnderMaxConcurrencyOneAreTimedToo() {
    assertEquals(List.of("a", "b", "c"), metered.remotesOneAtATime(List.of("a", "b", "c")));
    awaitCount(3, () -> tasks("Metered.remotesOneAtATime", "remote", "SUCCESS"));
    awaitCount(1, () -> calls("Metered.remotesOneAtATime", "COMPLETED"));
  }

  /** How many calls of {@code site} ended with {@code outcome}. */
  private long calls(String site, String outcome) {
    Timer timer = registry.find("fanout.call").tags("site", site, "outcome", outcome).timer();
    return timer == null ? 0 : timer.count();
  }

  /** How many tasks of {@code site} named {@code task} ended with {@code outcome}. */
  private long tasks(String site, String task, String outcome) {
    Timer timer = registry.find("fanout.task")
        .tags("site", site, "task", task, "outcome", outcome).timer();
    return timer == null ? 0 : timer.count();
  }

  /**
   * Waits for a count to reach {@code expected}. The engine may report a task's end, and a
   * blocking call's end, a moment after the caller has its result: the thread that ends the call
   * reports it after the caller may already have seen it ended, and a slot is counted as done
   * before its end is reported.
   */
  private static void awaitCount(long expected, java.util.function.LongSupplier count) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (count.getAsLong() < expected && System.nanoTime() < until) {
      Thread.yield();
    }
    assertEquals(expected, count.getAsLong());
  }
}
