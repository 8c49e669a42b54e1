package dev.fanout.internal;

import dev.fanout.ContextPropagator;
import dev.fanout.Outcome;
import dev.fanout.Task;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * One task invocation of a call: its body, how it ended, and the protocol that lets a
 * cancellation interrupt exactly this invocation and never whatever its thread runs next.
 *
 * <p>The outcome is set once, by compare-and-set, by whichever comes first: the body returning or
 * throwing, its stage completing, or a cancellation. The run state, moved only by
 * compare-and-set, says who holds the call's {@code maxConcurrency} permit and orders the
 * interrupt:
 *
 * <pre>
 *   NEW ──launch (under a limit: takes a permit)──▶ LAUNCHED ──executor runs it──▶ RUNNING
 *   NEW ──start without a limit / a stage task───────────────────────────────────▶ RUNNING
 *   RUNNING ──body returns, stage completes──▶ FINISHED                 (gives the permit back)
 *   RUNNING ──cancel──▶ INTERRUPTING ──runner interrupted──▶ INTERRUPTED ──body returns──▶ FINISHED
 * </pre>
 *
 * <p>Only the interrupt of a running synchronous task needs the canceller to move the run state.
 * Any other cancel sets the outcome alone (one compare-and-set, as {@code FutureTask.cancel}):
 * whoever later starts the slot (the executor, a launch) moves it to running all the same, finds
 * the outcome set, runs no body, and gives back the permit it holds; a stage task's permit comes
 * back when its stage completes. The starter moves the run state before it reads the outcome,
 * and a canceller sets the outcome before it reads the run state, so one of them always sees the
 * other. So a cancel never gives back a permit itself: a permit comes back only when a thread
 * the task occupied lets go of it, and a cancel of a task that has not started starts nothing
 * else.
 */
final class Slot<T> implements Task<T>, Runnable, BiConsumer<T, Throwable> {
  private static final VarHandle OUTCOME;
  private static final VarHandle RUN_STATE;
  private static final VarHandle EXTRAS;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      OUTCOME = lookup.findVarHandle(Slot.class, "outcome", Object.class);
      RUN_STATE = lookup.findVarHandle(Slot.class, "runState", int.class);
      EXTRAS = lookup.findVarHandle(Slot.class, "extras", Extras.class);
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

  /** The argument of a body that takes none: a {@link Callable} or a {@link StageBody}. */
  private static final Object NO_ARGUMENT = new Object();

  /**
   * A plain cancel's outcome, until someone asks for its exception: a call that ends early
   * cancels its unfinished tasks one by one, and most of those exceptions are never read. The
   * first reader replaces it with the slot's own {@link TaskCancelled} (see {@link #failure}).
   */
  private static final Failed CANCELLED = new Failed(null, true);

  /** A failed or cancelled outcome; the exception is null only in {@link #CANCELLED}. */
  private static final class Failed {
    final Throwable exception;
    final boolean cancelled;

    Failed(Throwable exception, boolean cancelled) {
      this.exception = exception;
      this.cancelled = cancelled;
    }
  }

  /**
   * A slot's edges in its site's task graph, fixed before the call is collected: what it runs
   * after, how many of those have yet to end, and which slots run after it (in slot order).
   */
  static final class Edges {
    private static final VarHandle WAITING;

    static {
      try {
        WAITING = MethodHandles.lookup().findVarHandle(Edges.class, "waiting", int.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    Dependency[] after;
    private volatile int waiting;
    final List<Slot<?>> dependents = new ArrayList<>(2);

    /** Counts one dependency down; true if it was the last one. */
    boolean lastEnded() {
      return (int) WAITING.getAndAdd(this, -1) == 1;
    }

    void waitFor(Dependency[] dependencies) {
      after = dependencies;
      waiting = dependencies.length;
    }
  }

  final FanOutCall<?> call;
  private final String name;
  private final int index;
  private final boolean async;
  /**
   * What the task runs, until it has run: with {@link #argument} {@link #NO_ARGUMENT}, a
   * {@link Callable} (or, {@link #async}, a {@link StageBody}); else a {@link TaskFunction} (a
   * {@link StageFunction}) that takes the argument, so a collection site needs no lambda per task.
   */
  private Object body;
  private Object argument;
  private volatile CompletionStage<? extends T> stage;
  private volatile Object outcome;
  private volatile int runState;
  private Thread runner;

  // The call's completion stack: written before the push that publishes them, never after.
  Slot<?> previousDone;
  int doneCount;
  int failedCount;

  /** Its place in the site's task graph; null when the site has no dependencies. */
  Edges edges;

  /**
   * What only some tasks need, in one object made when first needed, so that a task with
   * nothing registered, no recording, no child call and no future handed out carries one null
   * field for all of it.
   */
  static final class Extras<T> {
    /** When its body started, where someone times it (a listener); else 0. */
    long startedAt;

    /** Its JFR event, begun when it started; null unless a recording wants it. */
    Events.TaskEvent event;

    /**
     * Written under the slot's monitor: the calls made inside the task (its children). Volatile
     * so that a cancel, which sets the outcome first, sees a child added before it without taking
     * the monitor, and a child added after it sees the outcome.
     */
    volatile List<FanOutCall<?>> children;

    /** Guarded by the slot's monitor: futures handed out before the end. */
    List<CompletableFuture<T>> mirrors;
  }

  /** Null until something of {@link Extras} is needed; then set once, by compare-and-set. */
  private volatile Extras<T> extras;

  /** Set before a future of {@link #toCompletableFuture()} is registered. */
  volatile boolean mirrored;

  Slot(FanOutCall<?> call, String name, int index, Callable<? extends T> body) {
    this(call, name, index, false, body, NO_ARGUMENT);
  }

  Slot(FanOutCall<?> call, String name, int index, StageBody<? extends T> body) {
    this(call, name, index, true, body, NO_ARGUMENT);
  }

  <A> Slot(FanOutCall<?> call, String name, int index, TaskFunction<? super A, ? extends T> body,
      A argument) {
    this(call, name, index, false, body, argument);
  }

  <A> Slot(FanOutCall<?> call, String name, int index, StageFunction<? super A, ? extends T> body,
      A argument) {
    this(call, name, index, true, body, argument);
  }

  /** {@code body} is one of the four kinds above, as {@code async} and {@code argument} say. */
  private Slot(
      FanOutCall<?> call, String name, int index, boolean async, Object body, Object argument) {
    this.call = call;
    this.name = name;
    this.index = index;
    this.async = async;
    this.body = body;
    this.argument = argument;
  }

  /**
   * The deadline marker of an as-completed call: pushed on the completion stack when the deadline
   * passes, so that what finished before it and what finished after are told apart exactly. It
   * is never a task: it counts as neither done nor failed.
   */
  static Slot<Object> deadlineMarker(FanOutCall<?> call) {
    Slot<Object> marker = new Slot<>(call, "deadline", -1, (Callable<Object>) () -> null);
    marker.outcome = NULL;
    marker.runState = FINISHED;
    return marker;
  }

  boolean isMarker() {
    return index < 0;
  }

  boolean isStage() {
    return async;
  }

  /** Whether this slot waits for other slots of its call before it may start. */
  boolean hasDependencies() {
    return edges != null && edges.after != null;
  }

  /**
   * One of this slot's dependencies ended. If it was needed to succeed and did not, this slot is
   * skipped at once; once the last one has ended, this slot is ready to launch.
   */
  void dependencyEnded(Slot<?> dependency) {
    if (dependency.state() != State.SUCCESS) {
      for (Dependency edge : edges.after) {
        if (edge.task == dependency && !edge.anyOutcome) {
          skip(dependency);
          return;
        }
      }
    }
    if (edges.lastEnded()) {
      call.ready(this);
    }
  }

  /**
   * Ends a slot that will never run because a dependency it needs failed or was cancelled:
   * {@code CANCELLED}, with that dependency's exception as the cause, so that along a chain the
   * causes lead to the original failure.
   */
  private void skip(Slot<?> dependency) {
    CancellationException skipped =
        new TaskCancelled(name,
            "task \"" + name + "\" was skipped: task \"" + dependency.name()
                + "\", which it needs, " + (dependency.isFailed() ? "failed" : "was cancelled"));
    skipped.initCause(dependency.failure());
    cancel(new Failed(skipped, true));
  }

  // ---- running ---------------------------------------------------------------------------

  /** Takes this slot from new to launched (it holds a permit); false if it was cancelled first. */
  boolean markLaunched() {
    return RUN_STATE.compareAndSet(this, NEW, LAUNCHED);
  }

  /**
   * How many slots of a call under {@code maxConcurrency} one executor thread runs in a row,
   * each taking over the permit of the one before, before it hands the next to the executor
   * again, so that other work on a shared executor gets its turn (as Kotlin's
   * {@code limitedParallelism} does).
   */
  static final int RUN_IN_A_ROW = 16;

  /**
   * Runs a synchronous body on an executor thread; under a limit or when its call launches
   * elastically, then up to {@link #RUN_IN_A_ROW} next slots of its call that its permit lets
   * this thread run.
   */
  @Override
  public void run() {
    int state = runState;
    if (state != NEW && state != LAUNCHED) {
      // Run again by its executor, while or after the first run ran it: that run owns it. Not
      // even the runner field is touched, which a cancel reads to interrupt the first run.
      return;
    }
    if (call.elastic) {
      call.runnerStarted();
    }
    Slot<?> slot = this;
    for (int run = 1; slot != null; run++) {
      slot = slot.runBody(run < RUN_IN_A_ROW);
    }
  }

  /** Runs the body here; returns the next slot of the call to run on this thread, or null. */
  private Slot<?> runBody(boolean mayRunNext) {
    runner = Thread.currentThread();
    if (!begin()) {
      runner = null; // run twice by its executor at the same instant: the other run owns it
      return null;
    }
    Object result = callBody();
    body = null;
    argument = null;
    boolean won = OUTCOME.compareAndSet(this, null, result);
    if (won) {
      // No cancel can win any more, and only a cancel that won moves the run state of a running
      // task: nobody competes for it, so a release store is enough (one atomic less per task).
      RUN_STATE.setRelease(this, FINISHED);
    } else if (!RUN_STATE.compareAndSet(this, RUNNING, FINISHED)) {
      // A canceller is interrupting this thread: let it finish, then clear the interrupt, which
      // was meant for this task and not for whatever the thread runs next.
      while (runState == INTERRUPTING) {
        Thread.yield(); // as FutureTask does: lets a descheduled (or virtual) canceller finish
      }
      Thread.interrupted();
      runState = FINISHED;
    }
    runner = null;
    // A thread the body left interrupted (not by a cancel: that interrupt is cleared above) runs
    // nothing more in a row, so the interrupt is not the next task's: the executor gets the
    // thread back and does with it what it does between tasks (a ThreadPoolExecutor clears it,
    // unless it is stopping).
    return call.finished(this, won, true, mayRunNext && !Thread.currentThread().isInterrupted());
  }

  /**
   * Runs the synchronous body as the current task, with the call's context restored around it:
   * what the body returns, or its failure. A context that cannot be restored fails the task
   * without running it; one that cannot be put back fails it too. Nothing is left on the thread.
   */
  private Object callBody() {
    if (outcome != null) {
      return null; // cancelled between its launch and its start: the body never runs
    }
    Hooks.Current here = Hooks.here();
    Slot<?> outer = here.task;
    here.task = this;
    ContextPropagator.Scope[] scopes = null;
    Object result;
    try {
      scopes = call.restoreContext();
      call.taskStarted(this);
      result = box(invokeBody());
    } catch (Throwable t) {
      result = new Failed(t, false);
    }
    result = closed(scopes, result);
    here.task = outer;
    return result;
  }

  /** Invokes the synchronous body, with its argument if it takes one. */
  @SuppressWarnings("unchecked") // a constructor took the body together with an argument it takes
  private Object invokeBody() throws Exception {
    Object a = argument;
    return a == NO_ARGUMENT
        ? ((Callable<?>) body).call()
        : ((TaskFunction<Object, ?>) body).call(a);
  }

  /** Starts the asynchronous body, with its argument if it takes one. */
  @SuppressWarnings("unchecked") // likewise; and the stage is of T's, as a constructor took it
  private CompletionStage<? extends T> startBody() throws Exception {
    Object a = argument;
    return a == NO_ARGUMENT
        ? ((StageBody<? extends T>) body).start()
        : ((StageFunction<Object, ? extends T>) body).start(a);
  }

  /** Puts back the context; if that throws, the task fails with it (after its own failure). */
  private Object closed(ContextPropagator.Scope[] scopes, Object result) {
    Throwable failure = scopes == null ? null : Context.close(scopes);
    if (failure == null) {
      return result;
    }
    if (result instanceof Failed failed) {
      if (failed.exception != failure) {
        failed.exception.addSuppressed(failure);
      }
      return result;
    }
    return new Failed(failure, false);
  }

  /** From new or launched to running; false if cancelled first. */
  private boolean begin() {
    int state = runState;
    return (state == NEW || state == LAUNCHED) && RUN_STATE.compareAndSet(this, state, RUNNING);
  }

  /**
   * Starts an asynchronous body on the launching thread and composes its stage; false if the
   * slot was cancelled first. The stage is used only through {@link CompletionStage} methods,
   * and anything the body or its stage throws is this slot's failure: nothing a task does can
   * break the launch that called it.
   */
  boolean start() {
    return start(Hooks.here());
  }

  /**
   * {@link #start()} on the thread whose {@code here} it is: a launch that starts many stages
   * looks its thread's cell up once. A stage's run state needs no compare-and-set: only its
   * starter moves it from new, and each stage is started once (a cancel sets the outcome and
   * cancels the stage, and leaves the run state to the starter and the stage's completion).
   */
  boolean start(Hooks.Current here) {
    if (runState != NEW) {
      return false;
    }
    RUN_STATE.set(this, RUNNING); // plain: the completion that reads it is composed after this
    if (outcome != null) { // cancelled as it was launched: the body is never invoked
      body = null;
      argument = null;
      accept(null, failure());
      return true;
    }
    Slot<?> outer = here.task;
    here.task = this;
    ContextPropagator.Scope[] scopes = null;
    CompletionStage<? extends T> started = null;
    Throwable failed = null;
    try {
      scopes = call.restoreContext();
      call.taskStarted(this);
      started = startBody();
    } catch (Throwable t) {
      failed = t;
    }
    body = null;
    argument = null;
    Object closing = closed(scopes, NULL);
    here.task = outer;
    if (closing instanceof Failed closeFailed) {
      if (failed == null) {
        failed = closeFailed.exception;
      } else if (failed != closeFailed.exception) {
        failed.addSuppressed(closeFailed.exception);
      }
    }
    if (compose(started, failed) && isCancelled()) {
      cancelStage(); // cancelled while the body was starting: the stage it kept is cancelled too
    }
    return true;
  }

  /**
   * Composes the stage a started body returned, or ends the slot with what starting it threw;
   * true if the slot keeps the stage (to cancel it), which only an unfinished stage is.
   */
  private boolean compose(CompletionStage<? extends T> started, Throwable failed) {
    if (failed != null) {
      accept(null, failed);
      return false;
    }
    boolean kept = false;
    try {
      if (started == null) {
        throw new NullPointerException("task \"" + name + "\" returned a null stage");
      }
      if (started.getClass() == CompletableFuture.class
          && ((CompletableFuture<? extends T>) started).isDone()) {
        // A cache hit: nothing to allocate, and nothing to cancel later, so it is not kept.
        acceptDone((CompletableFuture<? extends T>) started);
      } else {
        stage = started;
        kept = true;
        started.whenComplete(this);
      }
    } catch (Throwable t) {
      accept(null, t);
    }
    return kept;
  }

  /** The stage of an asynchronous body completed (or starting it threw). */
  @Override
  public void accept(T value, Throwable exception) {
    Object result = exception == null ? box(value) : new Failed(unwrap(exception), false);
    boolean won = OUTCOME.compareAndSet(this, null, result);
    boolean held;
    if (won) {
      // Started (so running), and no cancel can move the state any more: this holds the permit.
      RUN_STATE.setRelease(this, FINISHED);
      if (exception == null && call.countedByLaunch(this)) {
        return; // a stage done as its launch started it, which nobody observes: counted there
      }
      held = true;
    } else {
      // No thread to interrupt: whoever moves the state to FINISHED first gives the permit back.
      held = (int) RUN_STATE.getAndSet(this, FINISHED) != FINISHED;
    }
    call.finished(this, won, held);
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
    int before = (int) RUN_STATE.getAndSet(this, FINISHED);
    call.finished(this, won, before == LAUNCHED);
  }

  // ---- Task -------------------------------------------------------------------------------

  @Override
  public boolean cancel() {
    if (outcome != null) {
      return false;
    }
    return cancel(CANCELLED);
  }

  private boolean cancel(Failed cancelled) {
    if (!OUTCOME.compareAndSet(this, null, cancelled)) {
      return false;
    }
    // Not started: whoever starts it finds it cancelled (see the class comment). Running: a
    // synchronous body is interrupted; a stage is cancelled. Either gives its permit back when
    // its body returns or its stage completes.
    if (async) {
      cancelStage();
    } else if (runState == RUNNING && RUN_STATE.compareAndSet(this, RUNNING, INTERRUPTING)) {
      interruptRunner();
    }
    call.cancelled(this);
    cancelChildren();
    return true;
  }

  /** This slot's extras, made now if they were not yet. */
  Extras<T> extras() {
    Extras<T> e = extras;
    if (e == null) {
      Extras<T> made = new Extras<>();
      e = EXTRAS.compareAndSet(this, null, made) ? made : extras;
    }
    return e;
  }

  /** This slot's extras, or null if nothing has needed them. */
  Extras<T> extrasIfAny() {
    return extras;
  }

  /** When its body started, where someone times it (a listener); else 0. */
  long startedAt() {
    Extras<T> e = extras;
    return e == null ? 0 : e.startedAt;
  }

  /** Its JFR event; null unless a recording wanted it when it started. */
  Events.TaskEvent event() {
    Extras<T> e = extras;
    return e == null ? null : e.event;
  }

  // ---- child calls -----------------------------------------------------------------------------

  /**
   * Registers a call made inside this task. If this task is already cancelled, or its call has
   * ended and no longer lets it run, the child is cancelled at once.
   */
  void addChild(FanOutCall<?> child) {
    synchronized (this) { // only ever held for a list operation
      Extras<T> e = extras();
      if (e.children == null) {
        e.children = new ArrayList<>(1);
      }
      e.children.add(child);
    }
    call.childAdded();
    if (state() == State.CANCELLED || call.endsChildrenOf(this)) {
      child.cancelFromParent();
    }
  }

  /** Cancels the calls made inside this task that are still running. */
  void cancelChildren() {
    Extras<T> e = extras;
    if (e == null || e.children == null) {
      return; // the common case: no monitor taken per cancelled task
    }
    List<FanOutCall<?>> running;
    synchronized (this) {
      running = new ArrayList<>(e.children);
    }
    running.forEach(FanOutCall::cancelFromParent);
  }

  /** The calls made inside this task, for the in-flight view. */
  synchronized List<FanOutCall<?>> children() {
    Extras<T> e = extras;
    return e == null || e.children == null ? List.of() : new ArrayList<>(e.children);
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

  /** Cancels the stage of a cancelled stage task; what cancelling it throws is kept, not lost. */
  private void cancelStage() {
    CompletionStage<? extends T> s = stage;
    if (s != null) {
      try {
        s.toCompletableFuture().cancel(true);
      } catch (Throwable t) {
        // A stage that cannot be cancelled runs on; its result is ignored.
        failure().addSuppressed(t);
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

  boolean isCancelled() {
    return outcome instanceof Failed failed && failed.cancelled;
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
    Failed failed = (Failed) outcome;
    if (failed != CANCELLED) {
      return failed.exception;
    }
    // The first to ask builds the cancellation; the outcome stays what it was, a cancel.
    Failed built = new Failed(TaskCancelled.of(name), true);
    return OUTCOME.compareAndSet(this, CANCELLED, built) ? built.exception : failure();
  }

  @Override
  public Outcome<T> outcome() {
    Object o = outcome;
    if (o == null) {
      throw new IllegalStateException(describe() + " has not finished");
    }
    if (o instanceof Failed failed) {
      return new Outcome.Failure<>(failure());
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
