package dev.fanout.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.FanOutTimeoutException;
import dev.fanout.Outcome;
import dev.fanout.TaskFailedException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** @Gather, run through generated coordinators: every point of the contract. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GatherTest {
  private static final ExecutorService POOL = Executors.newCachedThreadPool();
  private static final Executor NEVER =
      task -> {
        throw new AssertionError("the executor must not be touched");
      };

  @AfterAll
  static void shutdown() {
    POOL.shutdownNow();
  }

  private static Shop shop(Shop.Hooks hooks) {
    return new ShopCoordinator(POOL, hooks);
  }

  private static Shop shop() {
    return shop(new Shop.Hooks() {});
  }

  /** Hooks whose user(id) blocks until released, noticing an interrupt. */
  private static class Gate implements Shop.Hooks {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch interrupted = new CountDownLatch(1);
    final long gatedId;

    Gate(long gatedId) {
      this.gatedId = gatedId;
    }

    @Override
    public String user(long id) throws IOException, InterruptedException {
      if (id != gatedId) {
        return fail(id);
      }
      started.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        interrupted.countDown();
        throw e;
      }
      return "u" + id;
    }

    String fail(long id) throws IOException, InterruptedException {
      return "u" + id;
    }
  }

  // ---- slots and shapes ----------------------------------------------------------------------

  @Test
  void namedTasksAreBoundByParameterNameIntoARecord() throws Exception {
    assertEquals(new Shop.Overview("u7", List.of("o7")), shop().overview(7));
  }

  @Test
  void aClassWithOneConstructorTakesOneParameterPerSlot() throws Exception {
    Shop.Pair pair = shop().pair(3);
    assertEquals("u3", pair.user);
    assertEquals(List.of("o3"), pair.orders);
  }

  @Test
  void resultsComeInSlotOrderWhateverOrderTheyFinishIn() throws Exception {
    // Each user(id) waits until user(id + 1) has finished: they finish in reverse order.
    Map<Long, CountDownLatch> finished = new ConcurrentHashMap<>();
    for (long id = 0; id <= 4; id++) {
      finished.put(id, new CountDownLatch(1));
    }
    List<Long> completionOrder = Collections.synchronizedList(new ArrayList<>());
    Shop shop =
        shop(new Shop.Hooks() {
          @Override
          public String user(long id) throws InterruptedException {
            if (id < 4) {
              finished.get(id + 1).await();
            }
            completionOrder.add(id);
            finished.get(id).countDown();
            return "u" + id;
          }
        });
    assertEquals(List.of("u0", "u1", "u2", "u3", "u4"), shop.users(List.of(0L, 1L, 2L, 3L, 4L)));
    assertEquals(List.of(4L, 3L, 2L, 1L, 0L), completionOrder);
  }

  @Test
  void oneTaskOverAnArrayOrASetAndDuplicatesAreSeparateInvocations() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Shop shop =
        shop(new Shop.Hooks() {
          @Override
          public String user(long id) {
            calls.incrementAndGet();
            return "u" + id;
          }
        });
    assertEquals(List.of("u1", "u1", "u2"), shop.usersOfArray(new long[] {1, 1, 2}));
    assertEquals(3, calls.get());
    assertEquals(List.of("u5", "u6"), shop.usersUndeclared(new LinkedHashSet<>(List.of(5L, 6L))));
  }

  @Test
  void voidWaitsForAll() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Shop shop =
        shop(new Shop.Hooks() {
          @Override
          public String user(long id) throws InterruptedException {
            Thread.sleep(20);
            calls.incrementAndGet();
            return "u";
          }

          @Override
          public List<String> orders(long id) throws InterruptedException {
            Thread.sleep(20);
            calls.incrementAndGet();
            return List.of();
          }
        });
    shop.touch(1);
    assertEquals(2, calls.get());
  }

  @Test
  void slotTypesMayDifferUnderAWildcardList() throws Exception {
    assertEquals(List.of("u1", "sunny in Oslo"), shop().mixed(1, "Oslo"));
  }

  // ---- returnExceptions ----------------------------------------------------------------------

  private static Shop failingOn(long badId, Exception failure) {
    return shop(new Shop.Hooks() {
      @Override
      public String user(long id) throws IOException {
        if (id == badId) {
          if (failure instanceof IOException io) {
            throw io;
          }
          throw (RuntimeException) failure;
        }
        return "u" + id;
      }
    });
  }

  @Test
  void returnExceptionsKeepsEveryOutcomeInItsSlotUnwrapped() {
    IOException io = new IOException("disk");
    List<Outcome<String>> outcomes = failingOn(2, io).usersSettled(List.of(1L, 2L, 3L));
    assertEquals(
        List.of(new Outcome.Success<>("u1"), new Outcome.Failure<>(io), new Outcome.Success<>("u3")),
        outcomes);
  }

  @Test
  void returnExceptionsIntoARecordAndVoidThrowNothing() {
    IOException io = new IOException("disk");
    Shop shop = failingOn(4, io);
    Shop.Settled settled = shop.overviewSettled(4);
    assertEquals(new Outcome.Failure<String>(io), settled.user());
    assertEquals(new Outcome.Success<>(List.of("o4")), settled.orders());
    shop.touchSettled(4);
  }

  // ---- futures -------------------------------------------------------------------------------

  @Test
  void aFutureShapeReturnsAtOnceAndCompletesLater() throws Exception {
    Gate gate = new Gate(9);
    CompletableFuture<Shop.Overview> future = shop(gate).overviewAsync(9);
    assertTrue(gate.started.await(5, TimeUnit.SECONDS));
    assertFalse(future.isDone());
    gate.release.countDown();
    assertEquals(new Shop.Overview("u9", List.of("o9")), future.get(5, TimeUnit.SECONDS));
  }

  @Test
  void cancellingTheReturnedFutureInterruptsTheTasks() throws Exception {
    Gate gate = new Gate(9);
    CompletableFuture<Shop.Overview> future = shop(gate).overviewAsync(9);
    assertTrue(gate.started.await(5, TimeUnit.SECONDS));
    assertTrue(future.cancel(true));
    assertTrue(gate.interrupted.await(5, TimeUnit.SECONDS));
  }

  @Test
  void everyFutureShape() throws Exception {
    Shop shop = shop();
    assertEquals(
        List.of("u1", "u2"),
        shop.usersStage(List.of(1L, 2L)).toCompletableFuture().get(5, TimeUnit.SECONDS));
    assertNull(shop.touchAsync(List.of(1L)).get(5, TimeUnit.SECONDS));
    assertEquals(
        List.of(new Outcome.Success<>("u1")),
        shop.usersSettledAsync(List.of(1L)).get(5, TimeUnit.SECONDS));
    assertEquals(
        new Shop.Settled(new Outcome.Success<>("u1"), new Outcome.Success<>(List.of("o1"))),
        shop.overviewSettledStage(1).toCompletableFuture().get(5, TimeUnit.SECONDS));
  }

  @Test
  void aFailedFutureHoldsTheOriginalCheckedException() throws Exception {
    IOException io = new IOException("disk");
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> failingOn(1, io).overviewAsync(1).get(5, TimeUnit.SECONDS));
    assertSame(io, e.getCause());
  }

  // ---- stage tasks ---------------------------------------------------------------------------

  @Test
  void tasksReturningFuturesAreComposedWithoutTheExecutor() throws Exception {
    Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
    Shop shop =
        new ShopCoordinator(
            NEVER,
            new Shop.Hooks() {
              @Override
              public CompletableFuture<String> weather(String city) {
                return pending.computeIfAbsent(city, c -> new CompletableFuture<>());
              }
            });
    CompletableFuture<List<String>> result =
        CompletableFuture.supplyAsync(() -> shop.weathers(List.of("Oslo", "Rome")), POOL);
    while (pending.size() < 2) {
      Thread.onSpinWait();
    }
    pending.get("Rome").complete("hot");
    pending.get("Oslo").complete("cold");
    assertEquals(List.of("cold", "hot"), result.get(5, TimeUnit.SECONDS));
  }

  // ---- failures ------------------------------------------------------------------------------

  @Test
  void theFirstFailureIsThrownAtOnceAndTheSiblingsAreInterrupted() throws Exception {
    IllegalStateException boom = new IllegalStateException("boom");
    Gate gate =
        new Gate(1) {
          @Override
          String fail(long id) throws InterruptedException {
            started.await();
            throw boom;
          }
        };
    IllegalStateException thrown =
        assertThrows(IllegalStateException.class, () -> shop(gate).users(List.of(1L, 2L)));
    assertSame(boom, thrown);
    assertTrue(gate.interrupted.await(5, TimeUnit.SECONDS), "the blocked sibling is interrupted");
  }

  @Test
  void aDeclaredCheckedFailureIsThrownAsItIs() {
    IOException io = new IOException("disk");
    assertSame(io, assertThrows(IOException.class, () -> failingOn(2, io).users(List.of(1L, 2L))));
  }

  @Test
  void anUndeclaredCheckedFailureIsWrappedWithTheTaskNameAndSlot() {
    IOException io = new IOException("disk");
    TaskFailedException thrown =
        assertThrows(
            TaskFailedException.class,
            () -> failingOn(2, io).usersUndeclared(new LinkedHashSet<>(List.of(1L, 2L))));
    assertSame(io, thrown.getCause());
    assertEquals("user", thrown.name());
    assertEquals(1, thrown.index());
  }

  @Test
  void failuresThatHappenedBeforeTheThrowAreAttachedAsSuppressed() {
    // A direct executor runs every slot inside the launch: both have failed before the throw.
    // (With cancelOnFailure, the first failure stops the launch: see the next test.)
    IOException first = new IOException("first");
    IOException second = new IOException("second");
    Shop shop =
        new ShopCoordinator(
            Runnable::run,
            new Shop.Hooks() {
              @Override
              public String user(long id) throws IOException {
                throw id == 1 ? first : second;
              }
            });
    IOException thrown =
        assertThrows(IOException.class, () -> shop.usersRunOn(List.of(1L, 2L)));
    assertSame(first, thrown);
    assertEquals(List.of(second), failuresAttachedTo(thrown));
  }

  @Test
  void aFailureDuringTheLaunchStopsItWhenTheSiteCancelsOnFailure() {
    List<Long> started = new java.util.concurrent.CopyOnWriteArrayList<>();
    Shop shop =
        new ShopCoordinator(
            Runnable::run,
            new Shop.Hooks() {
              @Override
              public String user(long id) throws IOException {
                started.add(id);
                throw new IOException("user " + id);
              }
            });
    IOException thrown = assertThrows(IOException.class, () -> shop.users(List.of(1L, 2L)));
    assertEquals("user 1", thrown.getMessage());
    assertEquals(List.of(1L), started, "no slot starts after the failure");
  }

  @Test
  void withoutCancelOnFailureTheSiblingsRunOn() throws Exception {
    CountDownLatch siblingDone = new CountDownLatch(1);
    Gate gate =
        new Gate(1) {
          @Override
          public String user(long id) throws IOException, InterruptedException {
            String result = super.user(id);
            siblingDone.countDown();
            return result;
          }

          @Override
          String fail(long id) throws InterruptedException {
            started.await();
            throw new IllegalStateException("boom");
          }
        };
    assertThrows(IllegalStateException.class, () -> shop(gate).usersRunOn(List.of(1L, 2L)));
    assertEquals(1, gate.interrupted.getCount(), "the sibling was not interrupted");
    gate.release.countDown();
    assertTrue(siblingDone.await(5, TimeUnit.SECONDS), "the sibling ran to its end");
  }

  // ---- limits, timeouts, interrupts ----------------------------------------------------------

  @Test
  void maxConcurrencyKeepsAtMostNInFlight() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    Shop shop =
        shop(new Shop.Hooks() {
          @Override
          public String user(long id) throws InterruptedException {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            Thread.sleep(15);
            inFlight.decrementAndGet();
            return "u" + id;
          }
        });
    List<Long> ids = List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
    assertEquals(8, shop.usersTwoAtATime(ids).size());
    assertTrue(peak.get() <= 2, "peak " + peak.get());
  }

  @Test
  void maxConcurrencyStartsSlotsInSlotOrder() throws Exception {
    List<Long> started = Collections.synchronizedList(new ArrayList<>());
    Shop shop =
        shop(new Shop.Hooks() {
          @Override
          public String user(long id) {
            started.add(id);
            return "u" + id;
          }
        });
    List<Long> ids = List.of(5L, 3L, 9L, 1L, 7L);
    shop.usersOneAtATime(ids);
    assertEquals(ids, started);
  }

  @Test
  void theAnnotationTimeoutCancelsAndThrowsFanOutTimeoutException() throws Exception {
    Gate gate = new Gate(1);
    assertThrows(FanOutTimeoutException.class, () -> shop(gate).usersTimed(List.of(1L)));
    assertTrue(gate.started.getCount() == 1 || gate.interrupted.await(5, TimeUnit.SECONDS));
  }

  @Test
  void aDeclaredTimeoutExceptionIsThrownInstead() {
    Gate gate = new Gate(1);
    assertThrows(TimeoutException.class, () -> shop(gate).usersTimedChecked(List.of(1L)));
  }

  @Test
  void aDurationParameterOverridesTheAnnotation() throws Exception {
    Shop slow =
        shop(new Shop.Hooks() {
          @Override
          public String user(long id) throws InterruptedException {
            Thread.sleep(200);
            return "u" + id;
          }
        });
    assertEquals(List.of("u1"), slow.usersWithin(List.of(1L), Duration.ofSeconds(10)));
    assertThrows(
        FanOutTimeoutException.class, () -> shop(new Gate(1)).usersWithin(List.of(1L), Duration.ofMillis(50)));
  }

  @Test
  void anInterruptedCallerCancelsTheTasksAndThrowsCancellationWithTheFlagSet() throws Exception {
    Gate gate = new Gate(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> flag = new AtomicReference<>();
    Thread caller =
        new Thread(() -> {
          try {
            shop(gate).users(List.of(1L));
          } catch (Throwable t) {
            thrown.set(t);
            flag.set(Thread.currentThread().isInterrupted());
          }
        });
    caller.start();
    assertTrue(gate.started.await(5, TimeUnit.SECONDS));
    caller.interrupt();
    caller.join(5_000);
    assertInstanceOf(CancellationException.class, thrown.get());
    assertTrue(flag.get());
    assertTrue(gate.interrupted.await(5, TimeUnit.SECONDS));
  }

  @Test
  void anInterruptedCallerGetsInterruptedExceptionWhereDeclared() throws Exception {
    Gate gate = new Gate(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread caller =
        new Thread(() -> {
          try {
            shop(gate).usersInterruptibly(List.of(1L));
          } catch (Throwable t) {
            thrown.set(t);
          }
        });
    caller.start();
    assertTrue(gate.started.await(5, TimeUnit.SECONDS));
    caller.interrupt();
    caller.join(5_000);
    assertInstanceOf(InterruptedException.class, thrown.get());
    assertTrue(gate.interrupted.await(5, TimeUnit.SECONDS));
  }

  @Test
  void emptyInputReturnsAtOnceWithoutTouchingTheExecutor() throws Exception {
    Shop shop = new ShopCoordinator(NEVER, new Shop.Hooks() {});
    assertEquals(List.of(), shop.users(List.of()));
    assertEquals(List.of(), shop.usersOfArray(new long[0]));
    assertEquals(List.of(), shop.usersSettled(List.of()));
    assertEquals(List.of(), shop.usersStage(List.of()).toCompletableFuture().getNow(null));
    assertTrue(shop.touchAsync(List.of()).isDone());
  }

  // ---- executors and callers -----------------------------------------------------------------

  @Test
  void theDefaultExecutorIsNeverTheCommonPool() throws Exception {
    AtomicReference<Thread> ran = new AtomicReference<>();
    Shop shop =
        new ShopCoordinator(
            new Shop.Hooks() {
              @Override
              public String user(long id) {
                ran.set(Thread.currentThread());
                return "u" + id;
              }
            });
    shop.users(List.of(1L));
    Thread thread = ran.get();
    assertFalse(thread instanceof ForkJoinWorkerThread, thread.toString());
    if (Runtime.version().feature() < 21) {
      assertTrue(thread.isDaemon());
      assertTrue(thread.getName().startsWith("fanout-"), thread.getName());
    } else {
      assertTrue(thread.toString().startsWith("VirtualThread"), thread.toString());
    }
  }

  @Test
  void oneCoordinatorServesManyCallersAtOnce() throws Exception {
    Shop shop = shop();
    int callers = 8;
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Boolean>> results = new ArrayList<>();
    for (int c = 0; c < callers; c++) {
      long base = c * 100L;
      results.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  go.await();
                  for (int round = 0; round < 50; round++) {
                    List<String> got = shop.users(List.of(base + round, base + round + 1));
                    if (!got.equals(List.of("u" + (base + round), "u" + (base + round + 1)))) {
                      return false;
                    }
                  }
                  return true;
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              },
              POOL));
    }
    go.countDown();
    for (CompletableFuture<Boolean> result : results) {
      assertTrue(result.get(20, TimeUnit.SECONDS));
    }
  }

  /** The suppressed exceptions of {@code thrown}, without fanout's caller marker. */
  static List<Throwable> failuresAttachedTo(Throwable thrown) {
    return java.util.Arrays.stream(thrown.getSuppressed())
        .filter(t -> !t.getMessage().startsWith("rethrown to the caller of"))
        .toList();
  }
}
