package dev.fanout.internal;

import dev.fanout.Outcome;
import dev.fanout.Task;
import dev.fanout.WaitResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One call of a fan-out method: its slots, launched on an executor and collected as
 * {@code gather}, {@code wait} or {@code as_completed}.
 *
 * <p>Generated code creates a call, {@linkplain #submit submits} its slots in slot order, then
 * ends with exactly one collecting operation ({@link #gather()}, {@link #waitFor()},
 * {@link #asCompleted()} and their variants), which launches the slots and collects them.
 *
 * <p>Bookkeeping (completion order, counts, launching under a concurrency limit) is guarded by
 * one lock per call, taken once per finished slot; a slot's own outcome is set lock-free.
 *
 * @param <T> the slots' result type ({@code Object} where slot types differ)
 */
public final class FanOutCall<T> {
  private static final long NO_DEADLINE = Long.MIN_VALUE;

  /** Which condition a collecting operation waits for. */
  private enum Mode {
    NONE,
    GATHER,
    SETTLE,
    WAIT,
    STREAM
  }

  /** How a task failure leaves the call. */
  enum Surface {
    /** A blocking fan-out method: declared checked exceptions as they are, others wrapped. */
    BLOCKING,
    /** A stream: checked exceptions always wrapped. */
    STREAM,
    /** A future: every exception as it is. */
    FUTURE
  }

  private final Executor executor;
  private final Site site;
  private final Duration timeout;
  private final long deadline;

  // Written only by the submitting thread, before the collecting operation starts.
  private Slot<? extends T>[] slots;
  private int size;

  private final ReentrantLock lock = new ReentrantLock();
  // Guarded by lock.
  private Condition progress;
  private Mode mode = Mode.NONE;
  private int next;
  private int inFlight;
  private boolean draining;
  private boolean closed;
  private Slot<?>[] doneOrder;
  private int done;
  private int failed;
  private int consumed;
  private int waiters;
  private Runnable onSatisfied;
  private int yieldLimit = Integer.MAX_VALUE;

  /** Set when a gather's deadline passed: its cancelled slots must not complete its future. */
  private volatile boolean expired;

  /** Set once this call completes its own future, which then does not cancel the call. */
  private volatile boolean settled;

  /** A call with the site's own timeout. */
  public FanOutCall(Executor executor, Site site) {
    this(executor, site, site.timeout());
  }

  /** A call with {@code timeout} (from a {@code Duration} parameter; null = none). */
  public FanOutCall(Executor executor, Site site, Duration timeout) {
    this.executor = executor;
    this.site = site;
    this.timeout = timeout;
    this.deadline = deadlineOf(timeout);
    @SuppressWarnings("unchecked") // an empty array of a generic type: nothing to check
    Slot<? extends T>[] initial = (Slot<? extends T>[]) new Slot<?>[4];
    this.slots = initial;
  }

  private static long deadlineOf(Duration timeout) {
    if (timeout == null) {
      return NO_DEADLINE;
    }
    long now = System.nanoTime();
    try {
      long at = now + Math.max(0, timeout.toNanos());
      return at == NO_DEADLINE ? at + 1 : at;
    } catch (ArithmeticException tooLong) {
      return NO_DEADLINE;
    }
  }

  // ---- submitting --------------------------------------------------------------------------

  /** Adds a slot that runs {@code body} on the executor. */
  public <V extends T> Task<V> submit(String name, Callable<V> body) {
    return add(new Slot<V>(this, name, size, body));
  }

  /** Adds a slot whose {@code body} is already asynchronous: invoked directly, then composed. */
  public <V extends T> Task<V> submitStage(String name, StageBody<V> body) {
    return add(new Slot<V>(this, name, size, body));
  }

  private <V extends T> Task<V> add(Slot<V> slot) {
    if (mode != Mode.NONE) {
      throw new IllegalStateException("slots are submitted before the call is collected");
    }
    if (size == slots.length) {
      slots = Arrays.copyOf(slots, size * 2);
    }
    slots[size++] = slot;
    return slot;
  }

  // ---- gather --------------------------------------------------------------------------------

  /**
   * Runs the slots and waits for all of them; throws the first failure (in time) as soon as it
   * happens, with the other failures so far attached as suppressed.
   */
  public void gather() {
    collect(Mode.GATHER);
    Throwable failure = failure(Surface.BLOCKING);
    if (failure != null) {
      throw Sneaky.rethrow(failure);
    }
  }

  /** {@link #gather()}, then the results in slot order. */
  public List<T> gatherList() {
    gather();
    return results();
  }

  /** Runs the slots and waits for every one to end, failed or not; throws no task failure. */
  public void settle() {
    collect(Mode.SETTLE);
  }

  /** {@link #settle()}, then the outcomes in slot order. */
  public List<Outcome<T>> settleList() {
    settle();
    return outcomes();
  }

  /** {@link #gather()} without blocking: the future completes with {@code result}. */
  public <R> CompletableFuture<R> gatherAsync(Supplier<? extends R> result) {
    return collectAsync(Mode.GATHER, snapshot -> result.get());
  }

  /** {@link #gather()} without blocking. */
  public CompletableFuture<Void> gatherAsync() {
    return collectAsync(Mode.GATHER, snapshot -> null);
  }

  /** {@link #gatherList()} without blocking. */
  public CompletableFuture<List<T>> gatherListAsync() {
    return collectAsync(Mode.GATHER, snapshot -> results());
  }

  /** {@link #settle()} without blocking: the future completes with {@code result}. */
  public <R> CompletableFuture<R> settleAsync(Supplier<? extends R> result) {
    return collectAsync(Mode.SETTLE, snapshot -> result.get());
  }

  /** {@link #settle()} without blocking. */
  public CompletableFuture<Void> settleAsync() {
    return collectAsync(Mode.SETTLE, snapshot -> null);
  }

  /** {@link #settleList()} without blocking. */
  public CompletableFuture<List<Outcome<T>>> settleListAsync() {
    return collectAsync(Mode.SETTLE, snapshot -> outcomes());
  }

  // ---- wait ----------------------------------------------------------------------------------

  /**
   * Runs the slots and returns when the site's {@code returnWhen} holds or the timeout passes;
   * throws no task failure and cancels nothing.
   */
  public WaitResult<T> waitFor() {
    begin(Mode.WAIT, null);
    try {
      await();
    } catch (InterruptedException e) {
      cancelAll();
      throw Sneaky.rethrow(site.interrupted(e));
    }
    return snapshot();
  }

  /** {@link #waitFor()} without blocking. */
  public CompletableFuture<WaitResult<T>> waitForAsync() {
    return collectAsync(Mode.WAIT, snapshot -> snapshot);
  }

  /** {@link #waitFor()} without blocking: the future completes with {@code result}. */
  public <R> CompletableFuture<R> waitForAsync(Function<? super WaitResult<T>, ? extends R> result) {
    return collectAsync(Mode.WAIT, result);
  }

  // ---- as completed --------------------------------------------------------------------------

  /**
   * The results in completion order; a failed task throws when the stream reaches it. Closing
   * the stream, or a failure or timeout thrown out of it, cancels the tasks not yet yielded.
   */
  public Stream<T> asCompleted() {
    begin(Mode.STREAM, null);
    return resultStream();
  }

  /** The finished tasks in completion order; nothing is thrown for a failure. */
  public Stream<Task<T>> asCompletedTasks() {
    begin(Mode.STREAM, null);
    return taskStream();
  }

  /** {@link #asCompleted()}, completed once the first result is ready (or at once if none). */
  public CompletableFuture<Stream<T>> asCompletedAsync() {
    return collectAsync(Mode.STREAM, snapshot -> resultStream());
  }

  /** {@link #asCompletedTasks()}, completed once the first task has finished (or at once if none). */
  public CompletableFuture<Stream<Task<T>>> asCompletedTasksAsync() {
    return collectAsync(Mode.STREAM, snapshot -> taskStream());
  }

  private Stream<T> resultStream() {
    return new ClosingStream<>(
        StreamSupport.stream(new Completions(true), false)
            .onClose(this::cancelAll)
            .map(Task::result));
  }

  private Stream<Task<T>> taskStream() {
    return new ClosingStream<>(
        StreamSupport.stream(new Completions(false), false).onClose(this::cancelAll));
  }

  /** Yields finished slots in completion order, blocking for each. */
  private final class Completions extends Spliterators.AbstractSpliterator<Task<T>> {
    private final boolean results;

    Completions(boolean results) {
      super(size, Spliterator.ORDERED | Spliterator.NONNULL);
      this.results = results;
    }

    @Override
    public boolean tryAdvance(Consumer<? super Task<T>> action) {
      Task<T> task = nextCompleted();
      if (task == null) {
        return false;
      }
      if (results && task.state() != Task.State.SUCCESS) {
        cancelAll();
        throw Sneaky.rethrow(failureOf((Slot<?>) task, Surface.STREAM));
      }
      action.accept(task);
      return true;
    }
  }

  /**
   * The next finished slot in completion order, blocking for it; null once all were yielded.
   * After the deadline, what had finished by the time it was noticed is still yielded, then the
   * timeout is thrown, now and on every later request.
   */
  private Task<T> nextCompleted() {
    InterruptedException interrupted = null;
    lock.lock();
    try {
      if (consumed == size) {
        return null;
      }
      if (consumed < yieldLimit && awaitLocked()) {
        return unchecked(doneOrder[consumed++]);
      }
      yieldLimit = Math.min(yieldLimit, done);
      if (consumed < yieldLimit) {
        return unchecked(doneOrder[consumed++]);
      }
    } catch (InterruptedException e) {
      interrupted = e;
    } finally {
      lock.unlock();
    }
    cancelAll();
    throw Sneaky.rethrow(
        interrupted != null ? site.interrupted(interrupted) : site.timedOut(timeout));
  }

  @SuppressWarnings("unchecked") // a Task<? extends T> only produces Ts: reading it as Task<T> is safe
  private static <T> Task<T> unchecked(Slot<?> slot) {
    return (Task<T>) slot;
  }

  // ---- launching -----------------------------------------------------------------------------

  /** Fixes the mode, then launches as many slots as the limit allows. */
  private void begin(Mode m, Runnable fire) {
    boolean bounded = site.maxConcurrency() > 0;
    boolean fireNow = false;
    lock.lock();
    try {
      if (mode != Mode.NONE) {
        throw new IllegalStateException("a call is collected once");
      }
      mode = m;
      if (doneOrder == null) {
        doneOrder = new Slot<?>[size];
      }
      if (bounded) {
        draining = true;
      } else {
        next = size;
      }
      if (fire != null) {
        if (satisfiedLocked()) {
          fireNow = true;
        } else {
          onSatisfied = fire;
        }
      }
    } finally {
      lock.unlock();
    }
    if (bounded) {
      drain();
    } else {
      for (int i = 0; i < size; i++) {
        Slot<? extends T> slot = slots[i];
        if (!slot.isDone()) {
          launch(slot);
        }
      }
    }
    if (fireNow) {
      fire.run();
    }
  }

  /** Launches slots while the limit allows; one thread at a time drains, so nothing recurses. */
  private void drain() {
    for (; ; ) {
      Slot<? extends T> slot;
      lock.lock();
      try {
        slot = pickLocked();
        if (slot == null) {
          draining = false;
          return;
        }
      } finally {
        lock.unlock();
      }
      launch(slot);
    }
  }

  private Slot<? extends T> pickLocked() {
    int max = site.maxConcurrency();
    while (!closed && next < size && inFlight < max) {
      Slot<? extends T> slot = slots[next++];
      if (!slot.isDone()) {
        slot.launched = true;
        inFlight++;
        return slot;
      }
    }
    return null;
  }

  private void launch(Slot<? extends T> slot) {
    if (slot.isStage()) {
      slot.start();
      return;
    }
    try {
      executor.execute(slot);
    } catch (Throwable rejected) {
      slot.rejected(rejected);
    }
  }

  /**
   * Called once by the slot that set its outcome ({@code completed}) and once when a launched
   * slot gives back its concurrency permit ({@code release}); both may come in one call.
   */
  void finished(Slot<?> slot, boolean completed, boolean release) {
    Runnable fire = null;
    List<? extends CompletableFuture<?>> mirrors = null;
    boolean drain = false;
    lock.lock();
    try {
      if (completed) {
        recordLocked(slot);
        mirrors = slot.mirrors;
        slot.mirrors = null;
        if (waiters > 0 && satisfiedLocked()) {
          progress.signalAll();
        }
        if (onSatisfied != null && satisfiedLocked()) {
          fire = onSatisfied;
          onSatisfied = null;
        }
      }
      if (release && slot.launched) {
        slot.launched = false;
        inFlight--;
        if (!draining && !closed && next < size) {
          draining = true;
          drain = true;
        }
      }
    } finally {
      lock.unlock();
    }
    if (mirrors != null) {
      completeAll(slot, mirrors);
    }
    if (drain) {
      drain();
    }
    if (fire != null) {
      fire.run();
    }
  }

  @SuppressWarnings("unchecked") // a slot's mirrors are futures of its own type
  private static <V> void completeAll(Slot<V> slot, List<? extends CompletableFuture<?>> mirrors) {
    for (CompletableFuture<?> mirror : mirrors) {
      slot.complete((CompletableFuture<V>) mirror);
    }
  }

  /** Registers a future to complete when {@code slot} ends; false if it has already ended. */
  <V> boolean mirror(Slot<V> slot, CompletableFuture<V> future) {
    lock.lock();
    try {
      if (slot.isDone()) {
        return false;
      }
      if (slot.mirrors == null) {
        slot.mirrors = new ArrayList<>(1);
      }
      slot.mirrors.add(future);
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void recordLocked(Slot<?> slot) {
    if (slot.recorded) {
      return;
    }
    if (doneOrder == null) {
      doneOrder = new Slot<?>[size]; // a slot cancelled before the call was collected
    }
    slot.recorded = true;
    doneOrder[done++] = slot;
    if (slot.isFailed()) {
      failed++;
      if (mode == Mode.GATHER && site.cancelOnFailure()) {
        closed = true; // launch nothing more; the collecting thread cancels the rest
      }
    }
  }

  private boolean satisfiedLocked() {
    switch (mode) {
      case GATHER:
        return done == size || failed > 0;
      case SETTLE:
        return done == size;
      case WAIT:
        switch (site.returnWhen()) {
          case FIRST_COMPLETED:
            return done > 0 || size == 0;
          case FIRST_EXCEPTION:
            return failed > 0 || done == size;
          default:
            return done == size;
        }
      case STREAM:
        return done > consumed || consumed == size;
      default:
        return false;
    }
  }

  // ---- collecting ----------------------------------------------------------------------------

  /** Launches, then blocks until the mode's condition holds; a timeout or interrupt ends the call. */
  private void collect(Mode m) {
    begin(m, null);
    boolean inTime;
    try {
      inTime = await();
    } catch (InterruptedException e) {
      cancelAll();
      throw Sneaky.rethrow(site.interrupted(e));
    }
    if (!inTime) {
      cancelAll();
      throw Sneaky.rethrow(site.timedOut(timeout));
    }
  }

  /** Waits until the mode's condition holds; false if the deadline passed first. */
  private boolean await() throws InterruptedException {
    lock.lock();
    try {
      return awaitLocked();
    } finally {
      lock.unlock();
    }
  }

  private boolean awaitLocked() throws InterruptedException {
    if (satisfiedLocked()) {
      return true;
    }
    if (progress == null) {
      progress = lock.newCondition();
    }
    waiters++;
    try {
      while (!satisfiedLocked()) {
        if (deadline == NO_DEADLINE) {
          progress.await();
        } else {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          progress.awaitNanos(left);
        }
      }
      return true;
    } finally {
      waiters--;
    }
  }

  /**
   * The future of a non-blocking collecting operation. Cancelling it, or completing it from
   * outside, cancels the call's tasks; a gather's timeout fails it with a {@code TimeoutException}
   * and cancels them; a wait's timeout completes it with what is done by then.
   */
  private <R> CompletableFuture<R> collectAsync(
      Mode m, Function<? super WaitResult<T>, ? extends R> result) {
    CompletableFuture<R> future = new CompletableFuture<>();
    future.whenComplete(
        (value, exception) -> {
          if (!settled) {
            cancelAll(); // cancelled or completed from outside
          }
        });
    if (deadline != NO_DEADLINE) {
      if (m == Mode.WAIT || m == Mode.STREAM) {
        atDeadline(future, () -> completeAsync(future, result));
      } else {
        atDeadline(future, () -> timeOut(future));
      }
    }
    begin(m, () -> completeAsync(future, result));
    return future;
  }

  /** Runs {@code action} at the deadline unless {@code future} has completed by then. */
  private void atDeadline(CompletableFuture<?> future, Runnable action) {
    long left = Math.max(0, deadline - System.nanoTime());
    CompletableFuture<Void> timer = new CompletableFuture<>();
    timer
        .orTimeout(left, TimeUnit.NANOSECONDS)
        .whenComplete(
            (ignored, timedOut) -> {
              if (timedOut != null) {
                action.run();
              }
            });
    // Completing the timer early also unschedules it, so a finished call holds no timer.
    future.whenComplete((value, exception) -> timer.complete(null));
  }

  /** A gather's deadline passed: the tasks are cancelled before the future fails. */
  private void timeOut(CompletableFuture<?> future) {
    expired = true;
    cancelAll();
    future.completeExceptionally(
        new TimeoutException(site.name() + " timed out after " + timeout));
  }

  private <R> void completeAsync(
      CompletableFuture<R> future, Function<? super WaitResult<T>, ? extends R> result) {
    if (future.isDone() || expired) {
      return;
    }
    settled = true;
    if (mode == Mode.GATHER) {
      Throwable failure = failure(Surface.FUTURE);
      if (failure != null) {
        future.completeExceptionally(failure);
        return;
      }
    }
    try {
      future.complete(result.apply(mode == Mode.WAIT ? snapshot() : null));
    } catch (Throwable t) {
      future.completeExceptionally(t);
    }
  }

  // ---- results -------------------------------------------------------------------------------

  /**
   * The failure to surface after a gather: the first failed slot's exception, the later ones
   * suppressed in it; null if none failed. Cancels the rest first when the site says so.
   */
  private Throwable failure(Surface surface) {
    if (!hasFailed()) {
      return null;
    }
    if (site.cancelOnFailure()) {
      cancelAll();
    }
    List<Slot<?>> failures = new ArrayList<>();
    lock.lock();
    try {
      for (int i = 0; i < done; i++) {
        if (doneOrder[i].isFailed()) {
          failures.add(doneOrder[i]);
        }
      }
    } finally {
      lock.unlock();
    }
    Slot<?> first = failures.get(0);
    Throwable thrown = failureOf(first, surface);
    for (Slot<?> other : failures.subList(1, failures.size())) {
      Throwable suppressed = other.failure();
      if (suppressed != thrown && suppressed != first.failure()) {
        thrown.addSuppressed(suppressed);
      }
    }
    return thrown;
  }

  private boolean hasFailed() {
    lock.lock();
    try {
      return failed > 0;
    } finally {
      lock.unlock();
    }
  }

  private Throwable failureOf(Slot<?> slot, Surface surface) {
    Throwable exception = slot.failure();
    if (surface == Surface.FUTURE) {
      return exception;
    }
    return site.failure(slot.name(), slot.index(), exception, surface == Surface.BLOCKING);
  }

  /** The results in slot order; every slot has succeeded. */
  private List<T> results() {
    List<T> values = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      values.add(slots[i].result());
    }
    return Collections.unmodifiableList(values);
  }

  /** The outcomes in slot order; every slot has ended. */
  private List<Outcome<T>> outcomes() {
    List<Outcome<T>> values = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      values.add(outcomeOf(slots[i]));
    }
    return Collections.unmodifiableList(values);
  }

  @SuppressWarnings("unchecked") // an Outcome<? extends T> only holds a T: reading it as Outcome<T> is safe
  private static <T> Outcome<T> outcomeOf(Slot<? extends T> slot) {
    return (Outcome<T>) slot.outcome();
  }

  /** Done (completion order) and pending (slot order), consistent with each other. */
  private WaitResult<T> snapshot() {
    List<Task<T>> doneTasks;
    List<Task<T>> pendingTasks = new ArrayList<>();
    lock.lock();
    try {
      for (int i = 0; i < size; i++) {
        if (slots[i].isDone()) {
          recordLocked(slots[i]);
        }
      }
      doneTasks = new ArrayList<>(done);
      for (int i = 0; i < done; i++) {
        doneTasks.add(unchecked(doneOrder[i]));
      }
      for (int i = 0; i < size; i++) {
        if (!slots[i].recorded) {
          pendingTasks.add(unchecked(slots[i]));
        }
      }
    } finally {
      lock.unlock();
    }
    return new WaitResult<>(doneTasks, pendingTasks);
  }

  /** Cancels every unfinished slot and launches no more. */
  void cancelAll() {
    lock.lock();
    try {
      closed = true;
    } finally {
      lock.unlock();
    }
    for (int i = 0; i < size; i++) {
      slots[i].cancel();
    }
  }

  @Override
  public String toString() {
    return "FanOutCall[" + site + ", " + size + " slots]";
  }
}
