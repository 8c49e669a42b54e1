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
    Timer call = registry.get("fanout.call")
        .tags("site", "Metered.oks", "outcome", "COMPLETED").timer();
    assertEquals(2, call.count());
    assertTrue(call.totalTime(TimeUnit.NANOSECONDS) > 0);
    Timer task = registry.get("fanout.task")
        .tags("site", "Metered.oks", "task", "ok", "outcome", "SUCCESS").timer();
    assertEquals(4, task.count());
  }

  @Test
  void aFailureTagsTheCallTheFailedTaskAndTheCancelledSibling() {
    Metered.started = new CountDownLatch(1);
    Metered.release = new CountDownLatch(1); // never released: the failure cancels it
    assertThrows(IllegalStateException.class, () -> metered.failOrHeld("x"));
    assertEquals(1, registry.get("fanout.call")
        .tags("site", "Metered.failOrHeld", "outcome", "FAILED").timer().count());
    assertEquals(1, registry.get("fanout.task")
        .tags("site", "Metered.failOrHeld", "task", "fail", "outcome", "FAILED").timer().count());
    assertEquals(1, registry.get("fanout.task")
        .tags("site", "Metered.failOrHeld", "task", "held", "outcome", "CANCELLED").timer().count());
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
    assertEquals(2, registry.get("fanout.task")
        .tags("site", "Metered.helds", "task", "held", "outcome", "CANCELLED").timer().count());
    assertEquals(0.0, registry.get("fanout.calls.active").gauge().value());
  }

  @Test
  void stageTasksUnderMaxConcurrencyOneAreTimedToo() {
    assertEquals(List.of("a", "b", "c"), metered.remotesOneAtATime(List.of("a", "b", "c")));
    // Under a limit the engine reports a slot's end after it has launched the next slot, whose
    // stage may complete and end the call first: the last report may come after the caller
    // has its result (the report says so), so this waits for it.
    awaitCount(3, () -> registry.get("fanout.task")
        .tags("site", "Metered.remotesOneAtATime", "task", "remote", "outcome", "SUCCESS")
        .timer().count());
    assertEquals(1, registry.get("fanout.call")
        .tags("site", "Metered.remotesOneAtATime", "outcome", "COMPLETED").timer().count());
  }

  private static void awaitCount(long expected, java.util.function.LongSupplier count) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (count.getAsLong() < expected && System.nanoTime() < until) {
      Thread.yield();
    }
    assertEquals(expected, count.getAsLong());
  }
}
