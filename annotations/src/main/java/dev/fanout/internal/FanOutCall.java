package dev.fanout.internal;

import dev.fanout.Outcome;
import dev.fanout.Task;
import dev.fanout.WaitResult;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayDeque;
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
import java.util.concurrent.locks.LockSupport;
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
 * <p>No lock on the hot path. A finished slot pushes itself, with one compare-and-set, onto a
 * stack of completions that carries the counts (done, failed) in its top node, so every reader
 * sees a consistent state from one volatile read; the collecting thread parks until a finishing
 * slot unparks it. Launching under a concurrency limit is a drain loop that one thread at a time
 * runs (so completions that happen inside a launch never recurse). Only the rare futures handed
 * out by {@link Task#toCompletableFuture()} are registered under the slot's monitor.
 *
 * @param <T> the slots' result type ({@code Object} where slot types differ)
 */
public final class FanOutCall<T> {
  private static final long NO_DEADLINE = Long.MIN_VALUE;
  private static final VarHandle HEAD;
  private static final VarHandle IN_FLIGHT;
  private static final VarHandle DRAINS;
  private static final VarHandle ON_SATISFIED;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      HEAD = lookup.findVarHandle(FanOutCall.class, "head", Slot.class);
      IN_FLIGHT = lookup.findVarHandle(FanOutCall.class, "inFlight", int.class);
      DRAINS = lookup.findVarHandle(FanOutCall.class, "drains", int.class);
      ON_SATISFIED = lookup.findVarHandle(FanOutCall.class, "onSatisfied", Runnable.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

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

  private volatile Mode mode = Mode.NONE;
  /** The last finished slot; through {@link Slot#previousDone} all of them, newest first. */
  private volatile Slot<?> head;
  private volatile boolean closed;
  /** The thread blocked in a collecting operation or on the stream, to unpark. */
  private volatile Thread waiter;
  /** What an asynchronous collecting operation runs once its condition holds. */
  private volatile Runnable onSatisfied;

  // Launching under a limit: permits in use, and a count of drain requests (see drain()).
  private volatile int inFlight;
  private volatile int drains;
  private int next; // only the draining thread touches it

  // The stream consumer's own state: one consumer at a time, as a sequential stream has.
  private ArrayDeque<Slot<?>> ready; // created by the first pull
  private volatile int pulled;
  private Slot<?> pulledUpTo;
  private int yieldLimit = Integer.MAX_VALUE;

  /** Set when a gather's deadline passed: its cancelled slots must not complete its future. */
  private volatile boolean expired;

  /** Set once this call completes its own future, which then does not cancel the call. */
  private volatile boolean settled;

  /** A call with the site's own timeout. */
  public FanOutCall(Executor executor, Site site) {
    this(executor, site, site.timeout(), 4);
  }

  /** A call with the site's own timeout, about to submit {@code expectedSlots} slots. */
  public FanOutCall(Executor executor, Site site, int expectedSlots) {
    this(executor, site, site.timeout(), expectedSlots);
  }

  /** A call with {@code timeout} (from a {@code Duration} parameter; null = none). */
  public FanOutCall(Executor executor, Site site, Duration timeout) {
    this(executor, site, timeout, 4);
  }

  /**
   * A call with {@code timeout} (null = none), about to submit {@code expectedSlots} slots, so
   * that it sizes itself once instead of growing.
   */
  public FanOutCall(Executor executor, Site site, Duration timeout, int expectedSlots) {
    this.executor = executor;
    this.site = site;
    this.timeout = timeout;
    this.deadline = deadlineOf(timeout);
    @SuppressWarnings("unchecked") // an empty array of a generic type: nothing to check
    Slot<? extends T>[] initial = (Slot<? extends T>[]) new Slot<?>[Math.max(1, expectedSlots)];
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
      slots = Arrays.copyOf(slots, size * 2); // fewer expected than submitted: grow
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
    if (ready == null) {
      ready = new ArrayDeque<>();
    }
    if (ready.isEmpty() && pulled == size) {
      return null;
    }
    InterruptedException interrupted = null;
    try {
      if (pulled - ready.size() < yieldLimit && (!ready.isEmpty() || await())) {
        return unchecked(pull());
      }
    } catch (InterruptedException e) {
      interrupted = e;
    }
    if (interrupted == null) {
      // What had finished when the deadline was noticed is still yielded; nothing after it.
      yieldLimit = Math.min(yieldLimit, doneCount(head));
      if (pulled - ready.size() < yieldLimit && (!ready.isEmpty() || doneCount(head) > pulled)) {
        return unchecked(pull());
      }
    }
    cancelAll();
    throw Sneaky.rethrow(
        interrupted != null ? site.interrupted(interrupted) : site.timedOut(timeout));
  }

  /** The next slot in completion order: from what was pulled off the stack, else pull more. */
  private Slot<?> pull() {
    if (ready.isEmpty()) {
      Slot<?> top = head;
      for (Slot<?> s = top; s != pulledUpTo; s = s.previousDone) {
        ready.addFirst(s); // the stack is newest first; the queue oldest first
      }
      pulledUpTo = top;
      pulled = doneCount(top);
    }
    return ready.removeFirst();
  }

  @SuppressWarnings("unchecked") // a Task<? extends T> only produces Ts: reading it as Task<T> is safe
  private static <T> Task<T> unchecked(Slot<?> slot) {
    return (Task<T>) slot;
  }

  // ---- launching -----------------------------------------------------------------------------

  /** Fixes the mode, then launches as many slots as the limit allows. */
  private void begin(Mode m, Runnable fire) {
    if (mode != Mode.NONE) {
      throw new IllegalStateException("a call is collected once");
    }
    mode = m;
    onSatisfied = fire;
    if (site.maxConcurrency() > 0) {
      drain();
    } else {
      for (int i = 0; i < size; i++) {
        Slot<? extends T> slot = slots[i];
        if (!slot.isDone()) {
          launch(slot);
        }
      }
    }
    if (satisfied(head)) {
      fire(); // nothing to wait for (empty input), or everything finished during the launch
    }
  }

  /**
   * Launches slots while the limit allows. The first thread to request a drain runs the loop and
   * keeps running it while others request more (a permit freed meanwhile); the others return at
   * once. So one thread at a time launches, and a slot finishing inside its own launch (a
   * completed stage, a rejected execution) never recurses into another launch.
   */
  private void drain() {
    if ((int) DRAINS.getAndAdd(this, 1) != 0) {
      return;
    }
    int max = site.maxConcurrency();
    int missed = 1;
    for (; ; ) {
      while (!closed && next < size && inFlight < max) {
        Slot<? extends T> slot = slots[next++];
        IN_FLIGHT.getAndAdd(this, 1);
        boolean launched = slot.isStage() ? slot.start() : slot.markLaunched() && execute(slot);
        if (!launched) {
          IN_FLIGHT.getAndAdd(this, -1); // cancelled before its turn
        }
      }
      missed = (int) DRAINS.getAndAdd(this, -missed) - missed;
      if (missed == 0) {
        return;
      }
    }
  }

  private void launch(Slot<? extends T> slot) {
    if (slot.isStage()) {
      slot.start();
    } else {
      execute(slot);
    }
  }

  /** Hands a slot to the executor; a rejection is the slot's failure. */
  private boolean execute(Slot<? extends T> slot) {
    try {
      executor.execute(slot);
    } catch (Throwable rejected) {
      slot.rejected(rejected);
    }
    return true;
  }

  /**
   * Called once by the slot that set its outcome ({@code completed}) and once when a launched
   * slot gives back its concurrency permit ({@code release}); both may come in one call.
   */
  void finished(Slot<?> slot, boolean completed, boolean release) {
    if (completed) {
      if (slot.isFailed() && mode == Mode.GATHER && site.cancelOnFailure()) {
        closed = true; // launch nothing more; the collecting thread cancels the rest
      }
      Slot<?> top = push(slot);
      if (slot.mirrored) {
        completeMirrors(slot);
      }
      Thread blocked = waiter;
      if (blocked != null && (mode == Mode.STREAM || satisfied(top))) {
        LockSupport.unpark(blocked);
      }
      if (onSatisfied != null && satisfied(top)) {
        fire();
      }
    }
    if (release && site.maxConcurrency() > 0) {
      IN_FLIGHT.getAndAdd(this, -1);
      drain();
    }
  }

  /** Pushes a finished slot onto the completion stack; returns the new top. */
  private Slot<?> push(Slot<?> slot) {
    boolean failure = slot.isFailed();
    for (; ; ) {
      Slot<?> top = head;
      slot.previousDone = top;
      slot.doneCount = doneCount(top) + 1;
      slot.failedCount = failedCount(top) + (failure ? 1 : 0);
      if (HEAD.compareAndSet(this, top, slot)) {
        return slot;
      }
    }
  }

  private static int doneCount(Slot<?> top) {
    return top == null ? 0 : top.doneCount;
  }

  private static int failedCount(Slot<?> top) {
    return top == null ? 0 : top.failedCount;
  }

  /** Runs the asynchronous collector's completion, once. */
  private void fire() {
    Runnable action = onSatisfied;
    if (action != null && ON_SATISFIED.compareAndSet(this, action, null)) {
      action.run();
    }
  }

  /** Whether the mode's condition holds in the state whose top is {@code top}. */
  private boolean satisfied(Slot<?> top) {
    int done = doneCount(top);
    switch (mode) {
      case GATHER:
        return done == size || failedCount(top) > 0;
      case SETTLE:
        return done == size;
      case WAIT:
        switch (site.returnWhen()) {
          case FIRST_COMPLETED:
            return done > 0 || size == 0;
          case FIRST_EXCEPTION:
            return failedCount(top) > 0 || done == size;
          default:
            return done == size;
        }
      case STREAM:
        return done > pulled || pulled == size;
      default:
        return false;
    }
  }

  /**
   * Registers a future to complete when {@code slot} ends; false if it has already ended. The
   * flag is set before the check and read by the finishing slot after its outcome, so one of
   * the two always sees the other.
   */
  <V> boolean mirror(Slot<V> slot, CompletableFuture<V> future) {
    slot.mirrored = true;
    synchronized (slot) { // only ever held for a list operation: no blocking inside
      if (slot.isDone()) {
        return false;
      }
      if (slot.mirrors == null) {
        slot.mirrors = new ArrayList<>(1);
      }
      slot.mirrors.add(future);
      return true;
    }
  }

  private <V> void completeMirrors(Slot<V> slot) {
    List<CompletableFuture<V>> mirrors;
    synchronized (slot) {
      mirrors = slot.mirrors;
      slot.mirrors = null;
    }
    if (mirrors != null) {
      mirrors.forEach(slot::complete);
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

  /**
   * Parks until the mode's condition holds; false if the deadline passed first. The waiter is
   * published before the condition is read, and a finishing slot reads the waiter after it is
   * counted, so one of the two always sees the other: no wake-up is lost.
   */
  private boolean await() throws InterruptedException {
    if (satisfied(head)) {
      return true;
    }
    waiter = Thread.currentThread();
    try {
      while (!satisfied(head)) {
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
        if (deadline == NO_DEADLINE) {
          LockSupport.park(this);
        } else {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          LockSupport.parkNanos(this, left);
        }
      }
      return true;
    } finally {
      waiter = null;
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
    if (failedCount(head) == 0) {
      return null;
    }
    if (site.cancelOnFailure()) {
      cancelAll();
    }
    List<Slot<?>> failures = new ArrayList<>();
    for (Slot<?> slot : completionOrder(head)) {
      if (slot.isFailed()) {
        failures.add(slot);
      }
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

  /** The finished slots up to {@code top}, oldest first. */
  private static List<Slot<?>> completionOrder(Slot<?> top) {
    ArrayDeque<Slot<?>> order = new ArrayDeque<>(doneCount(top));
    for (Slot<?> s = top; s != null; s = s.previousDone) {
      order.addFirst(s);
    }
    return new ArrayList<>(order);
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

  /**
   * Done (completion order) and pending (slot order), consistent with each other. A slot that
   * has ended but is not yet on the completion stack (it is between the two) counts as done,
   * after the others.
   */
  private WaitResult<T> snapshot() {
    List<Slot<?>> finished = completionOrder(head);
    boolean[] isDone = new boolean[size];
    finished.forEach(slot -> isDone[slot.index()] = true);
    List<Task<T>> doneTasks = new ArrayList<>(size);
    finished.forEach(slot -> doneTasks.add(unchecked(slot)));
    List<Task<T>> pendingTasks = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      if (isDone[i]) {
        continue;
      }
      if (slots[i].isDone()) {
        doneTasks.add(unchecked(slots[i]));
      } else {
        pendingTasks.add(unchecked(slots[i]));
      }
    }
    return new WaitResult<>(doneTasks, pendingTasks);
  }

  /** Cancels every unfinished slot and launches no more. */
  void cancelAll() {
    closed = true;
    for (int i = 0; i < size; i++) {
      slots[i].cancel();
    }
  }

  @Override
  public String toString() {
    return "FanOutCall[" + site + ", " + size + " slots]";
  }
}
