package dev.fanout.internal;

import dev.fanout.ContextPropagator;
import dev.fanout.FanOut;
import dev.fanout.FanOutListener;
import dev.fanout.Outcome;
import dev.fanout.ReturnWhen;
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
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
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
 * <p><b>One way to end.</b> A call has one {@code phase} word, moved only by compare-and-set:
 *
 * <pre>
 *   SUBMITTING ──collecting operation──▶ RUNNING
 *   RUNNING ──first result of an async stream──▶ HANDED   (the future has its stream)
 *   RUNNING | HANDED ──{@link #end}──▶ COMPLETED | FAILED | TIMED_OUT | INTERRUPTED | CANCELLED
 * </pre>
 *
 * Every way a call can end (its condition met, a first failure, the deadline, an interrupt of
 * the caller, the returned future cancelled or completed from outside, the stream closed or
 * throwing, building the result failing) goes through {@link #end}: the one compare-and-set
 * decides the winner once, and the winner alone runs the consequences in {@link #ended}:
 * cancelling the rest, waking the caller, completing the returned future. A loser does nothing,
 * so two endings never mix.
 *
 * <p><b>No lock on the hot path.</b> A finished slot of a wait or a stream pushes itself, with
 * one compare-and-set, onto a stack of completions that carries the counts (done, failed) in its
 * top node, so every reader sees a consistent state from one volatile read. A gather or settle
 * needs the order only of its failures: a finished slot adds one to a count, and only a failed
 * one is stacked (before it is counted). The collecting thread parks until a
 * finishing slot or the ending unparks it. Launching under a limit is a drain loop that one
 * thread at a time runs (so completions that happen inside a launch never recurse); an elastic
 * call's runners hand each other on instead, each a few at most. Only the
 * rare futures handed out by {@link Task#toCompletableFuture()} are registered under the slot's
 * monitor.
 *
 * @param <T> the slots' result type ({@code Object} where slot types differ)
 */
public final class FanOutCall<T> implements FanOut.Call {
  private static final long NO_DEADLINE = Long.MIN_VALUE;
  private static final VarHandle PHASE;
  private static final VarHandle HEAD;
  private static final VarHandle TALLY;
  private static final VarHandle IN_FLIGHT;
  private static final VarHandle DRAINS;
  private static final VarHandle WAITING;
  private static final VarHandle NEXT;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      PHASE = lookup.findVarHandle(FanOutCall.class, "phase", int.class);
      HEAD = lookup.findVarHandle(FanOutCall.class, "head", Slot.class);
      TALLY = lookup.findVarHandle(FanOutCall.class, "tally", int.class);
      IN_FLIGHT = lookup.findVarHandle(FanOutCall.class, "inFlight", int.class);
      DRAINS = lookup.findVarHandle(FanOutCall.class, "drains", int.class);
      WAITING = lookup.findVarHandle(FanOutCall.class, "waiting", int.class);
      NEXT = lookup.findVarHandle(FanOutCall.class, "next", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // The phases; every value from COMPLETED on is an ending.
  private static final int SUBMITTING = 0;
  private static final int RUNNING = 1;
  private static final int HANDED = 2;
  static final int COMPLETED = 3;
  static final int FAILED = 4;
  static final int TIMED_OUT = 5;
  static final int INTERRUPTED = 6;
  static final int CANCELLED = 7;

  /** Which condition a collecting operation waits for. */
  enum Mode {
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
  final Site site;
  private final Duration timeout;
  /** The effective deadline: the earlier of the call's own and its parent's; or NO_DEADLINE. */
  private final long deadline;
  /** Whether the deadline is the parent's (it came first), for the timeout's message. */
  private final boolean inheritedDeadline;
  /** The task this call was made in (its parent call is that task's), or null. */
  private final Slot<?> parentSlot;

  // Fixed when the call starts: the caller's context, who listens, and when it started.
  private Context context;
  private static final FanOutListener[] NO_LISTENERS = new FanOutListener[0];
  /** Who listens: fixed when the call starts; none before (a task may be cancelled before that). */
  private FanOutListener[] listeners = NO_LISTENERS;
  private long startedAt;
  /**
   * This call's hash, for the set of calls in flight: drawn from the thread's own random
   * sequence when the call is made, so that tracking a call never computes (and stores in the
   * object's header) an identity hash, which costs a trip into the VM per call.
   */
  private final int hash = ThreadLocalRandom.current().nextInt();
  private Events.CallEvent event; // null unless a JFR recording wants it
  /** Set once a task of this call made a call of its own, so that the end looks for children. */
  private volatile boolean hasChildren;
  /** Set when the consumer closed the stream, as opposed to a parent cancelling the call. */
  private volatile boolean streamClosed;
  /**
   * Set by the ending once it has cancelled what must not outlive the call: a caller returns,
   * and a stream throws or ends, only after this, so nothing starts after the caller has gone.
   */
  private volatile boolean settled;

  // Written only by the submitting thread, before the collecting operation starts.
  private Slot<? extends T>[] slots;
  private int size;
  private Mode mode;

  private volatile int phase = SUBMITTING;
  /**
   * The last finished slot; through {@link Slot#previousDone} all of them, newest first. A
   * gather or settle needs no completion order but for its failures: there it holds only the
   * failed slots, and {@link #tally} counts every finished one.
   */
  private volatile Slot<?> head;
  /** A gather's or settle's count of finished slots: one atomic add per slot, no stack. */
  private volatile int tally;
  /**
   * The thread launching the slots of an unbounded gather or settle, while it does; only that
   * thread reads it as itself. The slots that finish on it during the launch (a stage already
   * complete, a direct executor) are counted in {@link #launchedDone} and added to the tally in
   * one go after the launch, which the call cannot complete before anyway.
   */
  private Thread launcher;
  private int launchedDone;
  /**
   * How many slots the call's end cancelled; -1 before the end, or if the end cancels nothing.
   * Every other slot had finished before it, which lets {@link #failedSoFar} see whether all of
   * them are counted.
   */
  private volatile int cancelledAtEnd = -1;
  /** Set by {@link #cancelAll()}: no slot is launched any more. */
  private volatile boolean stopped;
  /** The thread blocked in a collecting operation or on the stream, to unpark. */
  private volatile Thread waiter;

  // An asynchronous collecting operation: the future it returned, and how it builds the result.
  private CallFuture<Object> future;
  private Function<? super WaitResult<T>, ?> result;
  /** The deadline's timer task, for a call that needs one (asynchronous calls and streams). */
  private volatile Future<?> timer;

  // Launching under a limit: permits in use, and a count of drain requests (see drain()).
  private volatile int inFlight;
  private volatile int drains;
  /**
   * Whether this unbounded call launches elastically (see {@link #launchesElastically}): its
   * runners hold permits as under a limit, and {@link #waiting} of them are handed to the
   * executor and not started yet. Set before the first launch, read by the runners after it.
   */
  boolean elastic;
  private volatile int waiting;
  /** The next slot to launch: without a graph, claimed by an atomic add from any thread. */
  private int next;
  /** A graph's dependents that became ready, waiting for a permit; null without dependencies. */
  private ConcurrentLinkedQueue<Slot<?>> readyDependents;

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
   * A call with {@code timeout} (null = none; zero or less: the time is already up), about to
   * submit {@code expectedSlots} slots, so that it sizes itself once instead of growing.
   */
  public FanOutCall(Executor executor, Site site, Duration timeout, int expectedSlots) {
    this.executor = executor;
    this.site = site;
    this.parentSlot = Hooks.current();
    long own = deadlineOf(timeout);
    long inherited = parentSlot == null ? NO_DEADLINE : parentSlot.call.deadlineForChildren();
    this.inheritedDeadline = inherited != NO_DEADLINE && (own == NO_DEADLINE || inherited - own < 0);
    this.deadline = inheritedDeadline ? inherited : own;
    // A deadline inherited from the parent reads as the time this call had left under it.
    this.timeout =
        inheritedDeadline ? Duration.ofNanos(Math.max(0, inherited - System.nanoTime())) : timeout;
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

  /**
   * Adds a slot that runs {@code body} with {@code argument} on the executor: a collection site
   * creates its body once and passes each element, so a task costs no lambda of its own.
   */
  public <A, V extends T> Task<V> submit(
      String name, TaskFunction<? super A, ? extends V> body, A argument) {
    return add(new Slot<V>(this, name, size, body, argument));
  }

  /** {@link #submit(String, TaskFunction, Object)} for a body that is already asynchronous. */
  public <A, V extends T> Task<V> submitStage(
      String name, StageFunction<? super A, V> body, A argument) {
    return add(new Slot<V>(this, name, size, body, argument));
  }

  /**
   * Adds the task of slot {@code slot} of a site with dependencies: it runs on the executor once
   * every task in {@code after} has ended as it requires. Generated code submits such a site's
   * tasks dependencies first, each with the slot it has in the site, so the handles a body reads
   * are there before it.
   */
  public <V extends T> Task<V> submit(
      int slot, String name, Callable<V> body, Dependency... after) {
    return place(new Slot<V>(this, name, slot, body), after);
  }

  /** {@link #submit(int, String, Callable, Dependency...)} for a task that is already asynchronous. */
  public <V extends T> Task<V> submitStage(
      int slot, String name, StageBody<V> body, Dependency... after) {
    return place(new Slot<V>(this, name, slot, body), after);
  }

  private <V extends T> Task<V> add(Slot<V> slot) {
    if (phase != SUBMITTING) {
      throw new IllegalStateException("slots are submitted before the call is collected");
    }
    if (size == slots.length) {
      slots = Arrays.copyOf(slots, size * 2); // fewer expected than submitted: grow
    }
    slots[size++] = slot;
    return slot;
  }

  private <V extends T> Task<V> place(Slot<V> slot, Dependency[] after) {
    if (phase != SUBMITTING) {
      throw new IllegalStateException("slots are submitted before the call is collected");
    }
    int index = slot.index();
    if (index >= slots.length) {
      slots = Arrays.copyOf(slots, Math.max(index + 1, slots.length * 2));
    }
    if (slots[index] != null) {
      throw new IllegalStateException("slot " + index + " is submitted twice");
    }
    slots[index] = slot;
    size = Math.max(size, index + 1);
    if (after.length > 0) {
      edgesOf(slot).waitFor(after.clone());
      for (Dependency edge : after) {
        if (edge.task.call != this) {
          throw new IllegalArgumentException(edge + " is a task of another call");
        }
        addDependent(edgesOf(edge.task).dependents, slot);
      }
      if (readyDependents == null) {
        readyDependents = new ConcurrentLinkedQueue<>();
      }
    }
    return slot;
  }

  private static Slot.Edges edgesOf(Slot<?> slot) {
    if (slot.edges == null) {
      slot.edges = new Slot.Edges();
    }
    return slot.edges;
  }

  /** Keeps a slot's dependents in slot order, so that slots ready together start in that order. */
  private static void addDependent(List<Slot<?>> dependents, Slot<?> slot) {
    int at = dependents.size();
    while (at > 0 && dependents.get(at - 1).index() > slot.index()) {
      at--;
    }
    dependents.add(at, slot);
  }

  // ---- gather --------------------------------------------------------------------------------

  /**
   * Runs the slots and waits for all of them; throws the first failure (in time) as soon as it
   * happens, with the other failures so far attached as suppressed.
   */
  public void gather() {
    collect(Mode.GATHER);
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
    collect(Mode.WAIT);
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
    begin(Mode.STREAM);
    startTimer();
    return resultStream();
  }

  /** The finished tasks in completion order; nothing is thrown for a failure. */
  public Stream<Task<T>> asCompletedTasks() {
    begin(Mode.STREAM);
    startTimer();
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
        StreamSupport.stream(new Completions<T>(this, true), false)
            .onClose(this::closeStream)
            .map(Task::result));
  }

  private Stream<Task<T>> taskStream() {
    return new ClosingStream<>(
        StreamSupport.stream(new Completions<T>(this, false), false)
            .onClose(this::closeStream));
  }

  // ---- collecting ----------------------------------------------------------------------------

  /** Launches, then blocks until the call ends; throws what its ending says. */
  private void collect(Mode m) {
    begin(m);
    int ending = awaitEnd();
    switch (ending) {
      case COMPLETED:
        return;
      case FAILED:
        throw Sneaky.rethrow(failure(Surface.BLOCKING));
      case TIMED_OUT:
        if (m == Mode.WAIT) {
          return; // a wait's timeout returns what is done by then
        }
        throw Sneaky.rethrow(timedOut(Surface.BLOCKING));
      case CANCELLED:
        throw cancelledByParent();
      default:
        throw Sneaky.rethrow(site.interrupted(new InterruptedException(), true));
    }
  }

  /**
   * Parks until the call has ended and returns its ending. The caller ends it itself when its
   * deadline passes or it is interrupted; if another ending won that race, that one counts, and
   * an interrupt that came too late is kept for the caller's code to see.
   */
  private int awaitEnd() {
    if (settled) {
      return phase;
    }
    waiter = Thread.currentThread();
    boolean interruptLate = false;
    try {
      for (; ; ) {
        if (settled) { // read after the waiter is published, so no wake-up is lost
          return phase;
        }
        if (phase >= COMPLETED) {
          // Another thread is ending the call: wait for it to finish doing so. An interrupt
          // now is too late to count; it is kept for the caller's code to see.
          if (Thread.interrupted()) {
            interruptLate = true;
          }
          LockSupport.park(this);
        } else if (Thread.interrupted()) {
          if (!end(INTERRUPTED)) {
            Thread.currentThread().interrupt();
          }
        } else if (deadline == NO_DEADLINE) {
          LockSupport.park(this);
        } else {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            expire();
          } else {
            LockSupport.parkNanos(this, left);
          }
        }
      }
    } finally {
      waiter = null;
      if (interruptLate) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Blocks until the ending has cancelled what must not outlive the call: a stream calls this
   * before it throws or ends, as {@link #awaitEnd} does for a blocking caller.
   */
  void awaitSettled() {
    if (settled) {
      return;
    }
    boolean interrupted = false;
    waiter = Thread.currentThread();
    try {
      while (!settled) {
        if (Thread.interrupted()) {
          interrupted = true;
        }
        LockSupport.park(this);
      }
    } finally {
      waiter = null;
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The future of a non-blocking collecting operation. It is completed only by {@link #ended}
   * (or, for a stream, by {@link #handOver}); completing or cancelling it from outside ends the
   * call first, which cancels its tasks.
   */
  private <R> CompletableFuture<R> collectAsync(
      Mode m, Function<? super WaitResult<T>, ? extends R> result) {
    CallFuture<R> returned = new CallFuture<>(this);
    @SuppressWarnings("unchecked") // the engine completes it only with what result builds, an R
    CallFuture<Object> asObjects = (CallFuture<Object>) returned;
    this.future = asObjects;
    this.result = result;
    // A completion that bypasses CallFuture's own methods (completeAsync, obtrude...) still
    // ends the call here, if the engine has not ended it yet.
    returned.whenComplete((value, exception) -> abandon());
    try {
      begin(m);
    } catch (Throwable captureFailed) {
      asObjects.fail(captureFailed);
      return returned;
    }
    startTimer();
    return returned;
  }

  // ---- launching -----------------------------------------------------------------------------

  /** Fixes the mode, then launches as many slots as the limit allows. */
  private void begin(Mode m) {
    if (phase != SUBMITTING) {
      throw new IllegalStateException("a call is collected once");
    }
    for (int i = 0; i < size; i++) {
      if (slots[i] == null) {
        throw new IllegalStateException("slot " + i + " was never submitted");
      }
    }
    mode = m;
    try {
      context = Context.capture(); // on the caller's thread; a failure fails the call here
    } catch (Throwable t) {
      phase = CANCELLED; // nothing was launched, nothing is left
      settled = true;
      throw t;
    }
    listeners = Hooks.listeners();
    startedAt = System.nanoTime();
    Hooks.started(this); // before it can end (a task cancelled early ends it at once)
    phase = RUNNING;
    event = Events.callStarted(this);
    if (listeners.length > 0) {
      Hooks.callStarted(listeners, this);
    }
    if (parentSlot != null) {
      parentSlot.addChild(this);
    }
    if (site.maxConcurrency() > 0) {
      drain(false);
    } else {
      elastic = launchesElastically();
      if (counting()) {
        launcher = Thread.currentThread();
      }
      if (elastic) {
        handOn(Hooks.here(), FIRST_RUNNERS); // a direct executor runs them all right here
      } else {
        Hooks.Current here = Hooks.here(); // looked up once, for the stages started here
        for (int i = 0; i < size && mayLaunch(); i++) {
          Slot<? extends T> slot = slots[i];
          if (!slot.isDone() && !slot.hasDependencies()) {
            launch(slot, here); // a dependent is launched by the end of its last dependency
          }
        }
      }
      launcher = null;
      if (launchedDone > 0) {
        TALLY.getAndAdd(this, launchedDone);
      }
    }
    progressed(); // nothing to wait for (empty input), or everything finished in the launch
  }

  /**
   * Whether this unbounded call launches its slots elastically rather than handing each to the
   * executor from the caller's thread: a gather that cancels on failure, a settle, a wait for
   * all or a blocking stream, of synchronous tasks outside any graph. Then a launched slot is
   * a runner: the executor runs it, and after it, on the same thread, up to
   * {@link Slot#RUN_IN_A_ROW} further slots of the call that nobody runs yet, one at a time (as
   * under a limit). The caller hands on {@link #FIRST_RUNNERS}; after that, a runner hands on up
   * to {@link #HAND_ON} more as it starts and as it ends, while at most half of those launched
   * are still waiting to start ({@link #handOn}). So the runners double with each round through
   * the executor (ten thousand tasks that block all run at once after about fourteen rounds),
   * while on a busy pool, whose threads run slot after slot, only a few wait in its queue. A
   * burst of short tasks then costs about one trip through the executor's queue per sixteen
   * tasks instead of one per task.
   *
   * <p>Not in the other modes: there a future may complete, and a user callback run, while a
   * task is still to start (see {@link #runsNoCallbackWhileHolding}). Not for stages, which
   * start on the launching thread anyway, nor in a graph, whose dependents are launched as they
   * become ready.
   */
  private boolean launchesElastically() {
    switch (mode) {
      case GATHER:
        if (!site.cancelOnFailure()) {
          return false;
        }
        break;
      case SETTLE:
        break;
      case WAIT:
        if (site.returnWhen() != ReturnWhen.ALL_COMPLETED) {
          return false;
        }
        break;
      case STREAM:
        if (future != null) {
          return false; // its future completes with the first task, and may run a callback
        }
        break;
      default:
        return false;
    }
    for (int i = 0; i < size; i++) {
      Slot<? extends T> slot = slots[i];
      if (slot.isStage() || slot.edges != null || slot.hasDependencies()) {
        return false;
      }
    }
    return true;
  }

  /**
   * A runner handed to the executor starts ({@link Slot#run}): it waits no more, which may make
   * room for more runners, and it hands them on before its task runs (a task that blocks then
   * does not hold the others back). One that the executor runs inline, inside a hand-on of its
   * own call on this very thread, hands on nothing: that hand-on looks for room again when it
   * returns, so a direct executor loops there instead of recursing. (A runner of another call,
   * which a trampolining executor may run there too, hands on its own.)
   */
  void runnerStarted() {
    WAITING.getAndAdd(this, -1);
    Hooks.Current here = Hooks.here();
    if (here.handingOn == this) {
      here.ranInline++;
    } else {
      handOn(here, HAND_ON);
    }
  }

  /** A runner of an elastic call ended and gave back its permit: the room it made is handed on. */
  private void runnerEnded() {
    Hooks.Current here = Hooks.here();
    if (here.handingOn != this) { // inside its hand-on (run inline, or rejected): that one looks
      handOn(here, HAND_ON);
    }
  }

  /**
   * Hands runners of an elastic call to the executor while it has room for them
   * ({@link #hasRunnerRoom}), until {@code most} of them are left waiting to start (those the
   * executor ran inline or rejected do not count). Any number of threads may hand on at once:
   * each claims its slots with one atomic add. Nobody hands on for others, as a
   * {@linkplain #drain drain} would: every thread that makes room looks for it itself, so a
   * runner's own task waits for at most {@code most} executes, however many runners start on
   * other threads meanwhile. No room is lost: room is missing only while runners wait to start,
   * and each of them looks again when it does.
   */
  private void handOn(Hooks.Current here, int most) {
    FanOutCall<?> outer = here.handingOn;
    here.handingOn = this;
    try {
      for (int handed = 0; handed < most && hasRunnerRoom() && mayLaunch(); ) {
        Slot<?> slot = nextToLaunch();
        if (slot == null) {
          break;
        }
        if (slot.isDone() || !slot.markLaunched()) {
          continue; // cancelled before its turn: it takes no permit
        }
        IN_FLIGHT.getAndAdd(this, 1);
        WAITING.getAndAdd(this, 1);
        int ranInline = here.ranInline;
        if (!execute(slot)) {
          WAITING.getAndAdd(this, -1); // it never starts; its failure gave its permit back
        } else if (here.ranInline == ranInline) {
          handed++;
        }
      }
    } finally {
      here.handingOn = outer;
    }
  }

  /**
   * For a call without a graph: the next slot that nobody runs yet, claimed for the finishing
   * task's thread, which runs it with the permit it holds (no drain needed: claiming is one
   * atomic add, and the index is this thread's alone, so the slot needs no launched mark); or
   * null, when none is left (and the permit is given back) or when a stage took the permit over.
   */
  private Slot<?> claimNext() {
    while (mayLaunch()) {
      Slot<?> slot = nextToLaunch();
      if (slot == null) {
        break;
      }
      if (slot.isDone()) {
        continue; // cancelled before its turn: it takes no permit
      }
      if (!slot.isStage()) {
        return slot; // should a cancel come now, the slot runs no body and gives the permit back
      }
      if (slot.start()) {
        return null; // it holds the permit until its stage completes
      }
    }
    IN_FLIGHT.getAndAdd(this, -1);
    return null;
  }

  /**
   * How many runners an elastic call may have without any of them started: the caller hands a
   * small fan-out (a dashboard's few remote calls) to the executor all at once, as before the
   * elastic launch, so that no task waits for another's thread to start.
   */
  private static final int FIRST_RUNNERS = 4;

  /** How many runners a runner hands on, at most, as it starts and as it ends. */
  private static final int HAND_ON = 2;

  /** Whether an elastic call may hand another runner to the executor now. */
  private boolean hasRunnerRoom() {
    return inFlight < FIRST_RUNNERS || 2 * waiting <= inFlight;
  }

  /** Whether this call counts its finished slots rather than stacking them (see {@link #head}). */
  private boolean counting() {
    return mode == Mode.GATHER || mode == Mode.SETTLE;
  }

  /**
   * Whether slots may still be launched: not once the call cancelled its tasks, nor after a
   * failure in a gather that cancels on failure, bounded or not.
   */
  private boolean mayLaunch() {
    return !stopped
        && !(mode == Mode.GATHER && site.cancelOnFailure() && failedCount(head) > 0);
  }

  /**
   * Launches slots while the limit allows. The first thread to request a drain runs the loop and
   * keeps running it while others request more (a permit freed meanwhile); the others return at
   * once. So one thread at a time launches, and a slot finishing inside its own launch (a
   * completed stage, a rejected execution) never recurses into another launch.
   */
  private Slot<?> drain(boolean carried) {
    if (carried) {
      if (!DRAINS.compareAndSet(this, 0, 1)) {
        // Another thread is launching: the permit goes back first, then the request, which
        // makes that thread look again and see the permit.
        IN_FLIGHT.getAndAdd(this, -1);
        drain(false);
        return null;
      }
    } else if ((int) DRAINS.getAndAdd(this, 1) != 0) {
      return null;
    }
    int max = site.maxConcurrency();
    int missed = 1;
    Slot<?> here = null;
    for (; ; ) {
      while ((carried || inFlight < max) && mayLaunch()) {
        Slot<?> slot = nextToLaunch();
        if (slot == null) {
          break;
        }
        if (slot.isDone()) {
          continue; // cancelled before its turn: it takes no permit
        }
        if (carried && !slot.isStage()) {
          // The finishing task's thread runs the next one itself, with the permit it holds: no
          // trip through the executor's queue, no permit given back and taken again.
          carried = false;
          if (slot.markLaunched()) {
            here = slot;
            continue;
          }
          IN_FLIGHT.getAndAdd(this, -1);
          continue;
        }
        if (carried) {
          carried = false; // a stage task: it takes over the permit, on this thread as always
        } else {
          IN_FLIGHT.getAndAdd(this, 1);
        }
        if (slot.isStage() ? !slot.start() : !slot.markLaunched()) {
          IN_FLIGHT.getAndAdd(this, -1); // cancelled before its turn
        } else if (!slot.isStage()) {
          execute(slot); // a rejection is the slot's failure, which gives its permit back
        }
      }
      if (carried) {
        carried = false; // nothing to hand it to: it comes back before the re-check below
        IN_FLIGHT.getAndAdd(this, -1);
        continue;
      }
      missed = (int) DRAINS.getAndAdd(this, -missed) - missed;
      if (missed == 0) {
        return here;
      }
    }
  }

  /**
   * The next slot to launch, or to run on ({@link #claimNext}): without a graph, the next in
   * slot order, claimed by one atomic add from any thread; in a graph (only the draining thread
   * asks), the slots that need nothing, in slot order, then the dependents in the order they
   * became ready.
   */
  private Slot<?> nextToLaunch() {
    if (readyDependents == null) { // no graph: runners claim slots too (claimNext)
      int i = (int) NEXT.getAndAdd(this, 1);
      return i < size ? slots[i] : null;
    }
    while (next < size) {
      Slot<? extends T> slot = slots[next++];
      if (!slot.hasDependencies()) {
        return slot;
      }
    }
    return readyDependents == null ? null : readyDependents.poll();
  }

  /** A dependent whose dependencies have all ended as it needs: launch it, or queue it for a permit. */
  void ready(Slot<?> slot) {
    if (site.maxConcurrency() > 0) {
      readyDependents.add(slot);
      drain(false);
    } else if (mayLaunch() && !slot.isDone()) {
      launch(slot, Hooks.here());
    }
  }

  private void launch(Slot<?> slot, Hooks.Current here) {
    if (slot.isStage()) {
      slot.start(here);
    } else {
      execute(slot);
    }
  }

  /** Hands a slot to the executor; false if it rejected it, which is the slot's failure. */
  private boolean execute(Slot<?> slot) {
    try {
      executor.execute(slot);
      return true;
    } catch (Throwable rejected) {
      slot.rejected(rejected);
      return false;
    }
  }

  /**
   * Called once by the slot that set its outcome ({@code completed}) and once when a launched
   * slot gives back its concurrency permit ({@code release}); both may come in one call. The
   * order is the contract's: the slot is counted, its permit is given back (and the next slot
   * launched), and only then can anything complete a future and run user callbacks.
   */
  void finished(Slot<?> slot, boolean completed, boolean release) {
    Slot<?> next = finished(slot, completed, release, false);
    assert next == null;
  }

  /**
   * Whether {@code slot}, a stage task that has just succeeded, is counted by the launch with
   * nothing else to do: it finished on the thread launching an unbounded gather or settle, which
   * adds up what finished on it when it is done (and only then can such a call complete), and
   * nobody observes it (as in {@link #cancelled}). So an already-completed stage costs no trip
   * through {@link #finished}.
   */
  boolean countedByLaunch(Slot<?> slot) {
    if (launcher != Thread.currentThread() || elastic || site.maxConcurrency() > 0
        || observed(slot)) {
      return false;
    }
    launchedDone++;
    return true;
  }

  /**
   * A cancel ended {@code slot}. Once the call has ended, a slot that nobody observes (no
   * listener, no recording, no dependent, no future of its own, nothing in its extras) has
   * nothing left to tell: the counts are read no more. So the end of a call, which cancels every
   * unfinished slot, costs one compare-and-set per slot and no trip through {@link #finished}.
   */
  void cancelled(Slot<?> slot) {
    if (phase < COMPLETED || observed(slot)) {
      finished(slot, true, false);
    }
  }

  /**
   * Whether anything but the call's counts hears of {@code slot} finishing: a listener, a JFR
   * recording, a dependent, a future of the task, or anything in its extras (a child call). These
   * two short cuts are entries of their own, not a test at the top of {@link #finished}: there
   * the same test (tried) cost a completed stage about 3 ns (2.80 against 2.42 times
   * {@code allOf} at 16 tasks), since the entry of {@code finished} was then too large to inline.
   */
  private boolean observed(Slot<?> slot) {
    return listeners.length > 0 || slot.edges != null || slot.mirrored
        || slot.extrasIfAny() != null || Events.tasksWanted();
  }

  /**
   * {@link #finished(Slot, boolean, boolean)} for a synchronous slot that gives back its permit
   * on its own thread: with {@code runNextHere}, the next slot to launch under the limit may be
   * returned instead of handed to the executor, for the caller to run on this thread with the
   * permit it already holds (see {@link Slot#run}). Else null.
   */
  Slot<?> finished(Slot<?> slot, boolean completed, boolean release, boolean runNextHere) {
    if (completed && mode == Mode.STREAM && deadline != NO_DEADLINE && phase < COMPLETED
        && System.nanoTime() - deadline >= 0) {
      // The deadline has passed and the timer has not said so yet: a slot that finishes now
      // finished after it, so the deadline goes on the completion stack before this slot.
      expire();
    }
    if (completed) {
      // Observers hear of the task before it is counted, so before anything it lets end the call.
      Events.taskFinished(slot.event(), slot);
      if (listeners.length > 0) {
        Hooks.taskFinished(listeners, this, slot,
            slot.startedAt() == 0 ? 0 : System.nanoTime() - slot.startedAt());
      }
    }
    boolean countedLater = false;
    if (completed && !(phase >= COMPLETED && slot.isCancelled())) {
      // (A task cancelled after the end is not counted: nothing reads the counts any more, and
      // whoever reads what finished looks at the slots themselves. A call's end cancels n tasks.)
      // Before the call starts (a task cancelled early) the mode is not known yet: both, so that
      // whichever way the call counts, it sees this slot. A failure is stacked before it is
      // counted, so a count that includes it is read with a stack that shows it.
      Mode m = mode;
      if (m != Mode.GATHER && m != Mode.SETTLE || slot.isFailed()) {
        push(slot);
      }
      if (m != Mode.WAIT && m != Mode.STREAM) {
        if (launcher == Thread.currentThread()) {
          launchedDone++; // added to the tally when the launch is over
          countedLater = true;
        } else {
          TALLY.getAndAdd(this, 1);
        }
      }
    }
    Slot<?> next = null;
    if (release && (elastic || site.maxConcurrency() > 0)) {
      if (runNextHere && runsNoCallbackWhileHolding(slot)) {
        next = readyDependents == null ? claimNext() : drain(true);
      } else {
        IN_FLIGHT.getAndAdd(this, -1);
        if (elastic) {
          runnerEnded();
        } else {
          drain(false);
        }
      }
    }
    if (completed) {
      if (hasChildren && phase >= COMPLETED && endsChildrenOf(slot)) {
        slot.cancelChildren(); // it finished after its call ended: nothing of it may run on
      }
      if (slot.edges != null) {
        for (Slot<?> dependent : slot.edges.dependents) {
          dependent.dependencyEnded(slot); // launches it, or skips it right after this slot
        }
      }
      if (!countedLater || slot.isFailed()) {
        // Counted later, a slot that succeeded cannot end the call: the launch's own progress
        // check, after it adds the count, does.
        progressed();
      }
      if (slot.mirrored) {
        completeMirrors(slot);
      }
    }
    return next;
  }

  /**
   * Whether the rest of {@code slot}'s finishing can run no user callback (a future of the task,
   * the call's future) while some task is still to start: only then may this thread keep the
   * next slot to run after it. A callback may wait for the next task to start, which must then
   * start elsewhere: its permit comes back before any future completes. A gather that cancels
   * on failure, a settle and a wait for all complete their futures only when nothing is left
   * to start (or what is left is cancelled), and a blocking stream has no future (its consumer
   * is the caller's thread); the other endings may leave tasks to start. (The
   * listeners are observers: they are told, and must not wait.)
   */
  private boolean runsNoCallbackWhileHolding(Slot<?> slot) {
    if (slot.mirrored || slot.edges != null) {
      return false; // its own futures, or those of a dependent it skips, complete here
    }
    switch (mode) {
      case GATHER:
        return site.cancelOnFailure();
      case SETTLE:
        return true;
      case WAIT:
        return site.returnWhen() == ReturnWhen.ALL_COMPLETED;
      case STREAM:
        return future == null; // a blocking stream: its consumer is the caller, no callback
      default:
        return false;
    }
  }

  /** Pushes a finished slot (or the deadline marker) onto the completion stack; returns the top. */
  private Slot<?> push(Slot<?> slot) {
    boolean counts = !slot.isMarker();
    boolean failure = slot.isFailed();
    for (; ; ) {
      Slot<?> top = head;
      slot.previousDone = top;
      slot.doneCount = doneCount(top) + (counts ? 1 : 0);
      slot.failedCount = failedCount(top) + (failure ? 1 : 0);
      if (HEAD.compareAndSet(this, top, slot)) {
        return slot;
      }
    }
  }

  static int doneCount(Slot<?> top) {
    return top == null ? 0 : top.doneCount;
  }

  private static int failedCount(Slot<?> top) {
    return top == null ? 0 : top.failedCount;
  }

  /** The call made progress: end it if its condition holds. */
  private void progressed() {
    if (phase != RUNNING && phase != HANDED) {
      return;
    }
    // The count first: a failure is stacked before it is counted (see finished).
    int counted = tally;
    Slot<?> top = head;
    int done = counting() ? counted : doneCount(top);
    switch (mode) {
      case GATHER:
        if (failedCount(top) > 0) {
          // A failure at or after the deadline (a child call timing out at the deadline it
          // inherited from this one, say) is this call's timeout, as with asyncio's timeout().
          if (deadline != NO_DEADLINE && deadline - System.nanoTime() <= 0) {
            end(TIMED_OUT);
          } else {
            end(FAILED);
          }
        } else if (done == size) {
          end(COMPLETED);
        }
        break;
      case SETTLE:
        if (done == size) {
          end(COMPLETED);
        }
        break;
      case WAIT:
        if (waitSatisfied(top)) {
          end(COMPLETED);
        }
        break;
      default: // STREAM: the consumer decides when it is done; this only wakes or hands over
        Thread blocked = waiter;
        if (blocked != null) {
          LockSupport.unpark(blocked);
        }
        if (future != null && (done > 0 || size == 0)) {
          handOver();
        }
    }
  }

  private boolean waitSatisfied(Slot<?> top) {
    int done = doneCount(top);
    switch (site.returnWhen()) {
      case FIRST_COMPLETED:
        return done > 0 || size == 0;
      case FIRST_EXCEPTION:
        return failedCount(top) > 0 || done == size;
      default:
        return done == size;
    }
  }

  // ---- ending: the one place ------------------------------------------------------------------

  /**
   * Ends the call with {@code ending} if nothing else has ended it; true if this was the ending.
   * The only transition into an ending: whoever wins runs {@link #ended}, exactly once.
   */
  boolean end(int ending) {
    for (; ; ) {
      int from = phase;
      if (from == SUBMITTING || from >= COMPLETED) {
        return false; // not started (its start sees what happened since), or already ended
      }
      if (PHASE.compareAndSet(this, from, ending)) {
        ended(ending, from);
        return true;
      }
    }
  }

  /**
   * The returned future is about to be completed or cancelled from outside: the call ends first
   * (or, if it has already ended, its unfinished tasks are cancelled all the same).
   */
  void completedFromOutside() {
    if (!abandonFrom(RUNNING) && !abandonFrom(HANDED)) {
      cancelAll();
    }
  }

  private boolean abandonFrom(int from) {
    if (PHASE.compareAndSet(this, from, CANCELLED)) {
      ended(CANCELLED, from);
      return true;
    }
    return false;
  }

  /** The returned future was completed or cancelled from outside before the call ended. */
  private void abandon() {
    abandonFrom(RUNNING);
  }

  /**
   * What ending the call with {@code ending} requires, run once by the thread that ended it:
   * cancel what must not outlive the call, stop the timer, wake the caller, complete the future.
   */
  private void ended(int ending, int from) {
    if (cancelsTasks(ending)) {
      cancelledAtEnd = cancelAll();
    }
    if (hasChildren) {
      for (int i = 0; i < size; i++) {
        if (endsChildrenOf(slots[i])) {
          slots[i].cancelChildren();
        }
      }
    }
    Future<?> t = timer;
    if (t != null && ending != TIMED_OUT) {
      t.cancel(false);
    }
    Hooks.ended(this);
    if (event != null) {
      Events.callEnded(event, endingOf(ending));
    }
    if (listeners.length > 0) {
      Hooks.callEnded(listeners, this, endingOf(ending), System.nanoTime() - startedAt);
    }
    // Only now may the caller go: what must not outlive the call has been told to stop, and
    // observers have heard how it ended.
    settled = true;
    Thread blocked = waiter;
    if (blocked != null) {
      LockSupport.unpark(blocked);
    }
    if (future != null && from == RUNNING) { // HANDED: the future already has its stream
      deliver(ending);
    }
  }

  /**
   * Whether an ending cancels the unfinished tasks. A wait's condition or timeout leaves its
   * pending tasks running, and so does a gather's failure with {@code cancelOnFailure = false}
   * (asyncio's behaviour); every other ending cancels them.
   */
  private boolean cancelsTasks(int ending) {
    switch (ending) {
      case COMPLETED:
        return false; // a gather, settle or stream completes with every slot done; a wait's run on
      case FAILED:
        return mode != Mode.GATHER || site.cancelOnFailure();
      case TIMED_OUT:
        return mode != Mode.WAIT;
      default:
        return true;
    }
  }

  /**
   * Completes the returned future with the call's result. If the future does not end up
   * completed by this (completed from outside first, or building the result threw), every
   * unfinished task is cancelled: nothing is left that nobody can reach.
   */
  private void deliver(int ending) {
    boolean delivered;
    try {
      switch (ending) {
        case COMPLETED:
          delivered = future.deliver(buildOrCancel());
          break;
        case FAILED:
          delivered = future.fail(failure(Surface.FUTURE));
          break;
        case TIMED_OUT:
          // A wait returns what is done; a stream yields what finished before the deadline,
          // then throws; a gather fails.
          delivered =
              mode == Mode.WAIT || mode == Mode.STREAM
                  ? future.deliver(buildOrCancel())
                  : future.fail(timedOut(Surface.FUTURE));
          break;
        default: // CANCELLED: completed from outside already, or cancelled by the parent call
          future.fail(cancelledByParent());
          return;
      }
    } catch (Throwable t) {
      future.fail(t); // the tasks were cancelled before (buildOrCancel)
      delivered = true;
    }
    if (!delivered) {
      cancelAll(); // completed from outside first
    }
  }

  /**
   * Builds the result; if that throws, cancels every unfinished task first, so that whoever
   * sees the future fail finds nothing of the call still running.
   */
  private Object buildOrCancel() {
    try {
      return build();
    } catch (Throwable t) {
      cancelAll();
      throw t;
    }
  }

  /** An async stream's first result: the future gets the stream, the call runs on. */
  private void handOver() {
    if (!PHASE.compareAndSet(this, RUNNING, HANDED)) {
      return;
    }
    boolean delivered;
    try {
      delivered = future.deliver(buildOrCancel());
    } catch (Throwable t) {
      end(CANCELLED);
      future.fail(t);
      return;
    }
    if (!delivered && !end(CANCELLED)) {
      cancelAll();
    }
  }

  private Object build() {
    return result.apply(mode == Mode.WAIT ? snapshot() : null);
  }

  private static FanOut.Ending endingOf(int ending) {
    switch (ending) {
      case COMPLETED:
        return FanOut.Ending.COMPLETED;
      case FAILED:
        return FanOut.Ending.FAILED;
      case TIMED_OUT:
        return FanOut.Ending.TIMED_OUT;
      case INTERRUPTED:
        return FanOut.Ending.INTERRUPTED;
      default:
        return FanOut.Ending.CANCELLED;
    }
  }

  private void closeStream() {
    streamClosed = true;
    end(CANCELLED);
    if (phase >= COMPLETED) {
      awaitSettled(); // another thread may be ending it: close() returns once it has
    }
  }

  boolean streamClosed() {
    return streamClosed;
  }

  // ---- nesting ---------------------------------------------------------------------------------

  /**
   * The deadline this call's tasks inherit: its effective one, except that a wait's own timeout
   * is no deadline for its tasks (they may run on as pending), so a wait passes on only what it
   * inherited itself.
   */
  long deadlineForChildren() {
    if (mode != Mode.WAIT) {
      return deadline;
    }
    return parentSlot == null ? NO_DEADLINE : parentSlot.call.deadlineForChildren();
  }

  /**
   * Whether the calls made inside {@code slot} must end now: once this call has ended, unless it
   * lets {@code slot} run on (a wait's pending task, a sibling after a gather's failure without
   * {@code cancelOnFailure}) and it still does.
   */
  boolean endsChildrenOf(Slot<?> slot) {
    int p = phase;
    return p >= COMPLETED && (cancelsTasks(p) || slot.isDone());
  }

  void childAdded() {
    hasChildren = true;
  }

  /** The call whose task made this one ended (or that task was cancelled): so does this one. */
  void cancelFromParent() {
    end(CANCELLED);
  }

  /** What a caller (or a stream's consumer) gets when the call it waits on was cancelled by its parent. */
  CancellationException cancelledByParent() {
    return new CancellationException(
        site.name() + " was cancelled: the call it was made in has ended");
  }

  // ---- hooks -----------------------------------------------------------------------------------

  /** Restores the caller's context on this thread, for one task; null when there is none. */
  ContextPropagator.Scope[] restoreContext() {
    Context c = context;
    return c == null ? null : c.restore();
  }

  /** A task's body is about to run (or a stage task to be invoked). */
  void taskStarted(Slot<?> slot) {
    Events.TaskEvent event = Events.taskStarted();
    if (event != null) {
      slot.extras().event = event;
    }
    if (listeners.length > 0) {
      slot.extras().startedAt = System.nanoTime();
      Hooks.taskStarted(listeners, this, slot);
    }
  }

  @Override
  public String site() {
    return site.name();
  }

  /** Identity, as {@link Object#equals}: only the hash is this call's own (see {@link #hash}). */
  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public Optional<FanOut.Call> parent() {
    return parentSlot == null ? Optional.empty() : Optional.of(parentSlot.call);
  }

  @Override
  public int maxConcurrency() {
    return site.maxConcurrency();
  }

  Slot<?> parentSlot() {
    return parentSlot;
  }

  @Override
  public Optional<Duration> remaining() {
    if (deadline == NO_DEADLINE) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
  }

  /** For the in-flight view: when it started, and its slots. */
  long startedAt() {
    return startedAt;
  }

  Slot<?>[] slots() {
    return Arrays.copyOf(slots, size);
  }

  // ---- the deadline ----------------------------------------------------------------------------

  /**
   * Arms the deadline of a call that cannot watch it from a parked caller (a future, a stream),
   * after the launch: a time already up ends the call at once, on this thread; a later one on
   * fanout's own timer, whose work runs elsewhere so that no user callback holds up the timer.
   */
  private void startTimer() {
    if (deadline == NO_DEADLINE || phase >= COMPLETED) {
      return;
    }
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      expire();
      return;
    }
    Future<?> armed = Deadlines.schedule(this::expire, left);
    timer = armed;
    if (phase >= COMPLETED) {
      armed.cancel(false); // ended while the timer was being armed
    }
  }

  /**
   * The deadline passed. A stream first marks the spot on its completion stack, so what finished
   * before the deadline is told from what finished after exactly; if everything had finished,
   * there is nothing to time out.
   */
  private void expire() {
    if (mode == Mode.STREAM) {
      Slot<?> top = head;
      if (doneCount(top) == size || phase >= COMPLETED) {
        return;
      }
      push(Slot.deadlineMarker(this));
    }
    end(TIMED_OUT);
  }

  // ---- task futures --------------------------------------------------------------------------

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
      Slot.Extras<V> extras = slot.extras();
      if (extras.mirrors == null) {
        extras.mirrors = new ArrayList<>(1);
      }
      extras.mirrors.add(future);
      return true;
    }
  }

  private <V> void completeMirrors(Slot<V> slot) {
    List<CompletableFuture<V>> mirrors;
    synchronized (slot) {
      Slot.Extras<V> extras = slot.extrasIfAny();
      if (extras == null) {
        return;
      }
      mirrors = extras.mirrors;
      extras.mirrors = null;
    }
    if (mirrors != null) {
      mirrors.forEach(slot::complete);
    }
  }

  // ---- for the stream ------------------------------------------------------------------------

  @Override
  public int size() {
    return size;
  }

  int phase() {
    return phase;
  }

  Slot<?> head() {
    return head;
  }

  /** Publishes (or, with null, withdraws) the thread about to park on the stream. */
  void waiter(Thread thread) {
    waiter = thread;
  }

  // ---- results -------------------------------------------------------------------------------

  /**
   * The failure to surface: the first failed slot's exception, the later ones (finished by now)
   * suppressed in it.
   */
  private Throwable failure(Surface surface) {
    Slot<?> first = null;
    for (Slot<?> slot : completionOrder(head)) {
      if (slot.isFailed()) {
        first = slot;
        break;
      }
    }
    return failure(first, surface);
  }

  /** {@code slot}'s failure as {@code surface} throws it, with every other failure so far. */
  Throwable failure(Slot<?> slot, Surface surface) {
    Throwable thrown = failureOf(slot, surface);
    if (!Rethrown.carries(thrown)) { // handed over before, by any call: never touched again
      addFailures(thrown, slot.failure());
      thrown.addSuppressed(
          surface == Surface.FUTURE ? Rethrown.toFuture(site.name()) : Rethrown.toCaller(site.name()));
    }
    return thrown;
  }

  /** The timeout as {@code surface} throws it, with the task failures that came before it. */
  Throwable timedOut(Surface surface) {
    Throwable thrown =
        surface == Surface.FUTURE
            ? new TimeoutException(site.name() + " timed out after " + timeout
                + (inheritedDeadline ? " (the deadline of the call it was made in)" : ""))
            : site.timedOut(timeout, surface == Surface.BLOCKING);
    addFailures(thrown, null);
    return thrown;
  }

  /** Attaches every task failure so far, in completion order, except {@code except}, to {@code thrown}. */
  private void addFailures(Throwable thrown, Throwable except) {
    for (Slot<?> other : failedSoFar()) {
      Throwable suppressed = other.failure();
      if (suppressed != thrown && suppressed != except) {
        thrown.addSuppressed(suppressed);
      }
    }
  }

  /**
   * Every slot that has failed by now: those counted, in completion order, then those whose
   * failure is set but which are not counted yet (a thread between the two), in slot order.
   */
  private List<Slot<?>> failedSoFar() {
    int cancelledHere = cancelledAtEnd;
    if (cancelledHere >= 0 && counting() && tally == size - cancelledHere) {
      // The end cancelled the rest, and every slot that had finished before is counted: so
      // every failure is stacked (a failure is stacked before it is counted), and no slot can
      // be between the two. Nothing to look for in the slots themselves.
      List<Slot<?>> failed = completionOrder(head);
      failed.removeIf(slot -> !slot.isFailed());
      return failed;
    }
    List<Slot<?>> counted = completionOrder(head);
    boolean[] seen = new boolean[size];
    List<Slot<?>> failed = new ArrayList<>();
    for (Slot<?> slot : counted) {
      seen[slot.index()] = true;
      if (slot.isFailed()) {
        failed.add(slot);
      }
    }
    for (int i = 0; i < size; i++) {
      if (!seen[i] && slots[i].isFailed()) {
        failed.add(slots[i]);
      }
    }
    return failed;
  }

  /** The finished slots up to {@code top}, oldest first, without the deadline marker. */
  private static List<Slot<?>> completionOrder(Slot<?> top) {
    ArrayDeque<Slot<?>> order = new ArrayDeque<>(doneCount(top));
    for (Slot<?> s = top; s != null; s = s.previousDone) {
      if (!s.isMarker()) {
        order.addFirst(s);
      }
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
    Object[] values = new Object[size];
    for (int i = 0; i < size; i++) {
      values[i] = slots[i].result();
    }
    @SuppressWarnings("unchecked") // holds only Ts, read back only as Ts
    List<T> list = (List<T>) Arrays.asList(values);
    return Collections.unmodifiableList(list); // a view: the array is filled once, never copied
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

  @SuppressWarnings("unchecked") // a Task<? extends T> only produces Ts: reading it as Task<T> is safe
  static <T> Task<T> unchecked(Slot<?> slot) {
    return (Task<T>) slot;
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
  int cancelAll() {
    stopped = true;
    int cancelled = 0;
    for (int i = 0; i < size; i++) {
      if (slots[i].cancel()) {
        cancelled++;
      }
    }
    return cancelled;
  }

  @Override
  public String toString() {
    return "FanOutCall[" + site + ", " + size + " slots]";
  }
}
