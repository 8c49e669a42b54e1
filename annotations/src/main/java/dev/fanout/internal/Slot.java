package dev.fanout.internal;

import dev.fanout.Outcome;
import dev.fanout.Task;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * One task invocation of a call: its body, how it ended, and the protocol that lets a
 * cancellation interrupt exactly this invocation and never whatever its thread runs next.
 *
 * <p>The outcome is set once, by compare-and-set, by whichever comes first: the body returning or
 * throwing, its stage completing, or a cancellation. The run state orders the interrupt: the
 * canceller interrupts only a body still {@code RUNNING}, and the runner, if it sees an interrupt
 * under way, waits for it and clears it before its thread moves on.
 */
final class Slot<T> implements Task<T>, Runnable, BiConsumer<T, Throwable> {
  private static final VarHandle OUTCOME;
  private static final VarHandle RUN_STATE;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      OUTCOME = lookup.findVarHandle(Slot.class, "outcome", Object.class);
      RUN_STATE = lookup.findVarHandle(Slot.class, "runState", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static final int NEW = 0;
  private static final int LAUNCHED = 1;
  private static final int RUNNING = 2;
  private static final int FINISHED = 3;
  private static final int INTERRUPTING = 4;
  private static final int INTERRUPTED = 5;

  /** Stands for a {@code null} result, so that a null outcome means "not finished". */
  private static final Object NULL = new Object();

  /** A failed or cancelled outcome. */
  private static final class Failed {
    final Throwable exception;
    final boolean cancelled;

    Failed(Throwable exception, boolean cancelled) {
      this.exception = exception;
      this.cancelled = cancelled;
    }
  }

  final FanOutCall<?> call;
  private final String name;
  private final int index;
  private Callable<? extends T> body;
  private StageBody<? extends T> stageBody;
  private volatile CompletionStage<? extends T> stage;
  private volatile Object outcome;
  private volatile int runState;
  private Thread runner;

  // The call's completion stack: written before the push that publishes them, never after.
  Slot<?> previousDone;
  int doneCount;
  int failedCount;

  /** Set before a future of {@link #toCompletableFuture()} is registered. */
  volatile boolean mirrored;
  /** Guarded by this slot's monitor: futures handed out before the end. */
  List<CompletableFuture<T>> mirrors;

  Slot(FanOutCall<?> call, String name, int index, Callable<? extends T> body) {
    this.call = call;
    this.name = name;
    this.index = index;
    this.body = body;
  }

  Slot(FanOutCall<?> call, String name, int index, StageBody<? extends T> stageBody) {
    this.call = call;
    this.name = name;
    this.index = index;
    this.stageBody = stageBody;
  }

  boolean isStage() {
    return stageBody != null || stage != null;
  }

  // ---- running ---------------------------------------------------------------------------

  /** Takes this slot from new to launched; false if it was cancelled first. */
  boolean markLaunched() {
    return RUN_STATE.compareAndSet(this, NEW, LAUNCHED);
  }

  /** Runs a synchronous body on an executor thread. */
  @Override
  public void run() {
    runner = Thread.currentThread();
    if (!begin()) {
      runner = null;
      return; // cancelled before it started
    }
    Object result;
    try {
      result = box(body.call());
    } catch (Throwable t) {
      result = new Failed(t, false);
    }
    body = null;
    boolean won = OUTCOME.compareAndSet(this, null, result);
    if (!RUN_STATE.compareAndSet(this, RUNNING, FINISHED)) {
      // A canceller is interrupting this thread: let it finish, then clear the interrupt, which
      // was meant for this task and not for whatever the thread runs next.
      while (runState == INTERRUPTING) {
        Thread.yield(); // as FutureTask does: lets a descheduled (or virtual) canceller finish
      }
      Thread.interrupted();
    }
    runner = null;
    call.finished(this, won, true);
  }

  /** From new (no limit to count against) or launched to running; false if cancelled first. */
  private boolean begin() {
    int state = runState;
    return (state == NEW || state == LAUNCHED) && RUN_STATE.compareAndSet(this, state, RUNNING);
  }

  /**
   * Starts an asynchronous body on the launching thread and composes its stage; false if the
   * slot was cancelled first.
   */
  boolean start() {
    if (!begin()) {
      return false;
    }
    CompletionStage<? extends T> started;
    try {
      started = stageBody.start();
      if (started == null) {
        throw new NullPointerException("task \"" + name + "\" returned a null stage");
      }
    } catch (Throwable t) {
      stageBody = null;
      accept(null, t);
      return true;
    }
    stageBody = null;
    stage = started;
    if (started instanceof CompletableFuture<? extends T> future && future.isDone()) {
      acceptDone(future); // already complete (a cache hit, say): no callback to allocate
    } else {
      started.whenComplete(this);
    }
    if (outcome instanceof Failed failed && failed.cancelled) {
      cancelStage(); // cancelled while the body was starting
    }
    return true;
  }

  /** The stage of an asynchronous body completed. */
  @Override
  public void accept(T value, Throwable exception) {
    Object result = exception == null ? box(value) : new Failed(unwrap(exception), false);
    boolean won = OUTCOME.compareAndSet(this, null, result);
    RUN_STATE.setRelease(this, FINISHED); // no thread to interrupt: ordering is enough
    call.finished(this, won, true);
  }

  private void acceptDone(CompletableFuture<? extends T> future) {
    T value;
    try {
      value = future.join();
    } catch (Throwable t) {
      accept(null, t);
      return;
    }
    accept(value, null);
  }

  /** Ends a slot that could not be handed to the executor. */
  void rejected(Throwable exception) {
    boolean won = OUTCOME.compareAndSet(this, null, new Failed(exception, false));
    boolean holdsPermit = RUN_STATE.compareAndSet(this, LAUNCHED, FINISHED);
    call.finished(this, won, holdsPermit);
  }

  // ---- Task -------------------------------------------------------------------------------

  @Override
  public boolean cancel() {
    if (outcome != null) {
      return false;
    }
    CancellationException cancelled = new CancellationException("task \"" + name + "\" was cancelled");
    if (!OUTCOME.compareAndSet(this, null, new Failed(cancelled, true))) {
      return false;
    }
    // Not launched yet: it never will be. Launched, not started: it gives back its permit now.
    // Running: it is interrupted, and gives back its permit when its body returns.
    boolean launchedOnly = false;
    if (!RUN_STATE.compareAndSet(this, NEW, FINISHED)) {
      launchedOnly = RUN_STATE.compareAndSet(this, LAUNCHED, FINISHED);
      if (!launchedOnly && RUN_STATE.compareAndSet(this, RUNNING, INTERRUPTING)) {
        interruptRunner();
      }
    }
    cancelStage();
    call.finished(this, true, launchedOnly);
    return true;
  }

  private void interruptRunner() {
    try {
      Thread thread = runner;
      if (thread != null) {
        thread.interrupt();
      }
    } finally {
      runState = INTERRUPTED;
    }
  }

  private void cancelStage() {
    CompletionStage<? extends T> s = stage;
    if (s != null) {
      try {
        s.toCompletableFuture().cancel(true);
      } catch (UnsupportedOperationException e) {
        // A stage that cannot be cancelled runs on; its result is ignored.
      }
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int index() {
    return index;
  }

  @Override
  public State state() {
    Object o = outcome;
    if (o == null) {
      return State.RUNNING;
    }
    if (o instanceof Failed failed) {
      return failed.cancelled ? State.CANCELLED : State.FAILED;
    }
    return State.SUCCESS;
  }

  @Override
  public boolean isDone() {
    return outcome != null;
  }

  boolean isFailed() {
    return outcome instanceof Failed failed && !failed.cancelled;
  }

  @Override
  public T result() {
    Object o = outcome;
    if (o == null || o instanceof Failed) {
      throw new IllegalStateException(describe() + " has no result: it is " + state());
    }
    return unbox(o);
  }

  @Override
  public Throwable exception() {
    if (outcome instanceof Failed failed && !failed.cancelled) {
      return failed.exception;
    }
    throw new IllegalStateException(describe() + " did not fail: it is " + state());
  }

  /** The exception of a failed or cancelled slot. */
  Throwable failure() {
    return ((Failed) outcome).exception;
  }

  @Override
  public Outcome<T> outcome() {
    Object o = outcome;
    if (o == null) {
      throw new IllegalStateException(describe() + " has not finished");
    }
    if (o instanceof Failed failed) {
      return new Outcome.Failure<>(failed.exception);
    }
    return new Outcome.Success<>(unbox(o));
  }

  @Override
  public CompletableFuture<T> toCompletableFuture() {
    CompletableFuture<T> future = new CompletableFuture<>();
    future.whenComplete(
        (value, exception) -> {
          if (future.isCancelled()) {
            cancel();
          }
        });
    if (!call.mirror(this, future)) {
      complete(future);
    }
    return future;
  }

  /** Completes {@code future} from this slot's (final) outcome. */
  void complete(CompletableFuture<T> future) {
    Object o = outcome;
    if (o instanceof Failed failed) {
      if (failed.cancelled) {
        future.cancel(false);
      } else {
        future.completeExceptionally(failed.exception);
      }
    } else {
      future.complete(unbox(o));
    }
  }

  @Override
  public String toString() {
    return "Task[" + name + "#" + index + ", " + state() + "]";
  }

  private String describe() {
    return "task \"" + name + "\" (slot " + index + ")";
  }

  private static Object box(Object value) {
    return value == null ? NULL : value;
  }

  @SuppressWarnings("unchecked") // outcome holds a T whenever it is neither NULL nor Failed
  private T unbox(Object o) {
    return o == NULL ? null : (T) o;
  }

  private static Throwable unwrap(Throwable t) {
    if (t instanceof CompletionException && t.getCause() != null) {
      return t.getCause();
    }
    return t;
  }
}
