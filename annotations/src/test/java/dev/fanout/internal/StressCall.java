package dev.fanout.internal;

import dev.fanout.FanOutTimeoutException;
import dev.fanout.Outcome;
import dev.fanout.Task;
import dev.fanout.TaskFailedException;
import dev.fanout.WaitResult;
import dev.fanout.internal.StressPlan.Interference;
import dev.fanout.internal.StressPlan.Kind;
import dev.fanout.internal.StressPlan.Style;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * One random fan-out of {@link LifecycleStressTest}: builds the call its {@link StressPlan}
 * describes, runs it on a caller thread with a bound, then checks the contract (SPEC.md
 * "Semantics", issue 8) and returns what it broke.
 *
 * <p>What is checked after every call, and exactly how:
 *
 * <ul>
 *   <li><b>No call hung</b>: the call, including consuming its stream, ends within 30 s.
 *   <li><b>Results in slot order</b>: a gather's list is [0, 1, ... n-1] (slot i returns i); a
 *       settle's i-th outcome is slot i's; a wait's pending list is in slot order and done and
 *       pending split the slots; a stream yields each slot at most once.
 *   <li><b>Nothing lost</b>: every slot that ended FAILED is reachable by the caller. Where the
 *       call hands out every slot (settle's outcomes, wait's tasks, the task stream) it is there
 *       by construction. Where a failure or a timeout is thrown (gather with cancelOnFailure,
 *       a failing result stream, a timed-out gather or settle), every FAILED slot's exception is
 *       the thrown one (or its cause) or in its suppressed list: those calls cancel the rest
 *       before they throw, so any slot that still ended FAILED failed before the call ended. Not
 *       checked where the caller ended the call itself (interrupt, cancelled or completed future,
 *       closed stream), for a gather with cancelOnFailure = false, whose siblings fail later by
 *       design, and for a stream's timeout, after which late failures are never yielded.
 *   <li><b>No task outlives its call</b>: the contract lets a call throw before an interrupted
 *       body returns, so instead: within 10 s after the call ended (for a wait: after
 *       {@code close()}), every slot is done and every body that started has returned; a
 *       hanging body ends only through its interrupt, so it returning shows it was interrupted.
 *       No body or stage starts after the call ended, {@code WaitResult.close()} launches no
 *       stage task, and in a gather with cancelOnFailure no slot is launched on the thread that
 *       had just seen a slot fail while launching.
 *   <li><b>The limit</b>: whenever a body or stage task starts, the slots in flight (itself, the
 *       bodies still running, the stage tasks invoked whose stage the test has not completed
 *       and whose task is not done) never exceed maxConcurrency.
 *   <li><b>No interrupt leaked</b>: a body that starts on a pooled thread sees no interrupt
 *       unless its own task was cancelled.
 *   <li>The thrown exception is the right one for what happened: the first failure mapped as
 *       the contract says, the timeout type the site declares, a stream's timeout as a
 *       {@link FanOutTimeoutException}, an interrupt as {@code InterruptedException} if declared
 *       or a {@code CancellationException} with the flag set; nothing else.
 * </ul>
 */
final class StressCall {
  private static final long CALL_BOUND_SECONDS = 30;
  private static final long END_BOUND_SECONDS = 10;
  private static final long HANG_MILLIS = 600_000;
  private static final long BUSY_SLACK_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final Object OUTSIDE = "completed from outside";
  private static final Object MARKER = "the result supplier's value";

  static final ExecutorService POOL = Executors.newFixedThreadPool(4, daemons("stress-pool"));
  private static final ScheduledExecutorService TIMERS =
      Executors.newScheduledThreadPool(2, daemons("stress-timer"));
  private static final ExecutorService CALLERS = Executors.newCachedThreadPool(daemons("stress-caller"));
  private static final ExecutorService SHUT_DOWN = Executors.newSingleThreadExecutor(daemons("stress-shut"));

  static {
    SHUT_DOWN.shutdown();
  }

  /** The counts the suite reports. */
  static final class Stats {
    final LongAdder fanOuts = new LongAdder();
    final LongAdder tasks = new LongAdder();
    final LongAdder faults = new LongAdder();
    final LongAdder violations = new LongAdder();
  }

  static final class InjectedUnchecked extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InjectedUnchecked(String message) {
      super(message);
    }
  }

  static final class InjectedChecked extends Exception {
    private static final long serialVersionUID = 1L;

    InjectedChecked(String message) {
      super(message);
    }
  }

  static final class InjectedError extends Error {
    private static final long serialVersionUID = 1L;

    InjectedError(String message) {
      super(message);
    }
  }

  private final StressPlan plan;
  private final Stats stats;
  private final List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
  private final List<StressProbe> probes = new ArrayList<>();
  private final Random flaky;

  /**
   * One clock for every enter and leave of every call: a total order of those events, from
   * which the largest number of bodies holding at once is computed after the call (a scan of
   * the other slots at each enter is no snapshot: it can see one slot before it left and another
   * after it entered, two that never overlapped).
   */
  private static final java.util.concurrent.atomic.AtomicLong TICKS =
      new java.util.concurrent.atomic.AtomicLong();
  private final AtomicInteger executeCalls = new AtomicInteger();
  /** Set once no slot may start any more. */
  private volatile boolean callOver;
  /** The thread on which a slot failed while being launched (gather with cancelOnFailure). */
  private volatile Thread failedWhileLaunching;
  /** Set while WaitResult.close() runs: it must launch nothing. */
  private volatile boolean closing;
  /** The thread inside WaitResult.close(): what it launches, close() launched. */
  private volatile Thread closingThread;
  /** Violations seen on other threads, while the call ran. */
  private final List<String> async = java.util.Collections.synchronizedList(new ArrayList<>());

  // The caller's side.
  private volatile Thread caller;
  /** 0: not yet in the call, 1: in it, 2: being interrupted, 3: over. */
  private final AtomicInteger window = new AtomicInteger();
  private volatile boolean interruptSent;
  private volatile Boolean cancelReturned;
  private volatile Boolean completeReturned;
  private long startNanos;

  // What the call gave back.
  private Object value;
  private Throwable thrown;
  private boolean flagAtThrow;
  private final List<Integer> yielded = new ArrayList<>();
  private boolean streamEndedNormally;
  private boolean closedEarly;

  StressCall(StressPlan plan, Stats stats) {
    this.plan = plan;
    this.stats = stats;
    this.flaky = new Random(plan.seed * 31 + 7);
  }

  private static ThreadFactory daemons(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Runs the call and checks it; returns the violations, each naming the seed. */
  List<String> runAndCheck() throws InterruptedException {
    stats.fanOuts.increment();
    stats.tasks.add(plan.size);
    if (plan.timeoutKind.ends() && plan.timeoutKind != StressPlan.TimeoutKind.SHORT) {
      stats.faults.increment(); // a timeout that has passed before the call begins
    }
    Future<?> run = CALLERS.submit(this::callOnCallerThread);
    boolean ended = false; // the call ended in a way the checks of its result understand
    try {
      run.get(CALL_BOUND_SECONDS, TimeUnit.SECONDS);
      ended = true;
    } catch (TimeoutException e) {
      violation("the call did not end within " + CALL_BOUND_SECONDS + " s (hung)");
      run.cancel(true);
      probes.forEach(p -> p.task.cancel());
    } catch (ExecutionException e) {
      violation("the call (or the test around it) threw on the caller thread: " + stackOf(e.getCause()));
    }
    try {
      if (ended) {
        checkResult();
      }
      checkEnded();
    } catch (RuntimeException e) {
      violation("the checks themselves failed: " + stackOf(e));
    }
    List<String> seenElsewhere;
    synchronized (async) {
      seenElsewhere = new ArrayList<>(async);
    }
    seenElsewhere.forEach(this::violation);
    if (!violations.isEmpty()) {
      stats.violations.add(violations.size());
    }
    return violations;
  }

  // ---- building --------------------------------------------------------------------------------

  private FanOutCall<Integer> build() {
    Site site =
        Site.named("Stress.call")
            .returnWhen(plan.returnWhen)
            .cancelOnFailure(plan.cancelOnFailure)
            .maxConcurrency(plan.limit);
    if (plan.declares) {
      site = site.declaring(InjectedChecked.class, TimeoutException.class, InterruptedException.class);
    }
    Executor executor = this::execute;
    FanOutCall<Integer> call;
    if (plan.timeoutOnSite) {
      site = site.timeout(plan.timeout);
      call = plan.seed % 2 == 0 ? new FanOutCall<>(executor, site) : new FanOutCall<>(executor, site, plan.size);
    } else {
      call =
          plan.seed % 2 == 0
              ? new FanOutCall<>(executor, site, plan.timeout)
              : new FanOutCall<>(executor, site, plan.timeout, plan.size);
    }
    for (int i = 0; i < plan.size; i++) {
      StressProbe probe = new StressProbe(i, plan.kinds[i]);
      probes.add(probe);
      probe.task =
          probe.kind.stage
              ? call.submitStage("stage" + i, () -> stage(probe))
              : call.submit("body" + i, () -> body(probe));
    }
    return call;
  }

  private void execute(Runnable slot) {
    executeCalls.incrementAndGet();
    noteLaunch("handed a slot to the executor");
    if (closing && closingThread == Thread.currentThread()) {
      async.add("WaitResult.close() handed a slot to the executor (issue 8, bug 5)");
    }
    boolean reject;
    switch (plan.executor) {
      case REJECTING:
        reject = true;
        break;
      case FLAKY:
        synchronized (flaky) {
          reject = flaky.nextInt(3) == 0;
        }
        break;
      case SHUT_DOWN:
        try {
          SHUT_DOWN.execute(slot);
        } catch (RejectedExecutionException e) {
          rejected();
          throw e;
        }
        return;
      default:
        reject = false;
    }
    if (reject) {
      rejected();
      throw new RejectedExecutionException("injected rejection");
    }
    POOL.execute(slot);
  }

  private void rejected() {
    stats.faults.increment();
    failedWhileLaunching = Thread.currentThread();
  }

  /** A slot is being launched on this thread: it must not be after a failure this thread saw. */
  private void noteLaunch(String what) {
    if (plan.style == Style.GATHER
        && plan.cancelOnFailure
        && failedWhileLaunching == Thread.currentThread()) {
      async.add(what + " after a slot had failed while being launched on the same thread (issue 8, bug 6)");
    }
  }

  // ---- the slots -------------------------------------------------------------------------------

  /**
   * Whether the task was cancelled while the engine was starting it: the engine starts no task it
   * finds cancelled, so one that is cancelled on entry was cancelled after the engine committed to
   * starting it. Like FutureTask's, that start goes ahead, interrupted (a stage task: its stage is
   * cancelled), and the check that every started body returns still holds it to its bound.
   */
  private static boolean cancelledAsItStarted(StressProbe probe) {
    Task<Integer> task = probe.task;
    return task != null && task.state() == Task.State.CANCELLED;
  }

  private void enter(StressProbe probe) {
    Thread me = Thread.currentThread();
    boolean pooled = me.getName().startsWith("stress-pool") || me.getName().startsWith("stress-timer");
    probe.startedInterrupted = pooled && me.isInterrupted();
    probe.started = true;
    if (callOver && !cancelledAsItStarted(probe)) {
      async.add("slot " + probe.index + " (" + probe.kind + ") started after its call had ended");
    }
    probe.holding = true;
    probe.enteredAt = TICKS.incrementAndGet();
  }

  /**
   * The most slots whose bodies held at once, by the clock: a body holds from its enter to its
   * first leave, or to the end if it never left. A stage task that ended cancelled is left out:
   * the engine gives its permit back when it cancels the stage, which runs the engine's callback
   * before the test's, so the test cannot tell when that was.
   */
  private int peakHolding() {
    List<long[]> events = new ArrayList<>();
    for (StressProbe p : probes) {
      if (p.enteredAt == 0 || p.kind.stage && p.task.state() == Task.State.CANCELLED) {
        continue;
      }
      long left = p.leftAt.get();
      events.add(new long[] {p.enteredAt, 1});
      events.add(new long[] {left == 0 ? Long.MAX_VALUE : left, -1});
    }
    events.sort((a, b) -> Long.compare(a[0], b[0]));
    int holding = 0;
    int peak = 0;
    for (long[] event : events) {
      holding += (int) event[1];
      peak = Math.max(peak, holding);
    }
    return peak;
  }

  /**
   * The slot no longer holds a permit as far as the test can tell: its body is about to return,
   * or its stage is about to be completed. A stage that the engine cancels stops counting when
   * its task is done (see {@link #enter}), since the engine's own callbacks on the stage may run
   * before the test's.
   */
  private void leave(StressProbe probe) {
    probe.holding = false;
    probe.leftAt.compareAndSet(0, TICKS.incrementAndGet());
  }

  private Integer body(StressProbe probe) throws Exception {
    enter(probe);
    try {
      if (probe.kind == Kind.HANG) {
        stats.faults.increment();
        Thread.sleep(HANG_MILLIS);
        return probe.index;
      }
      long delay = plan.delayMicros[probe.index];
      if (delay > 0) {
        TimeUnit.MICROSECONDS.sleep(delay);
      }
      switch (probe.kind) {
        case UNCHECKED:
          throw inject(probe, new InjectedUnchecked("slot " + probe.index));
        case CHECKED:
          throw inject(probe, new InjectedChecked("slot " + probe.index));
        case ERROR:
          throw inject(probe, new InjectedError("slot " + probe.index));
        default:
          return probe.index;
      }
    } catch (InterruptedException e) {
      probe.sawInterrupt = true;
      throw e;
    } finally {
      if (Thread.currentThread().isInterrupted()) {
        probe.sawInterrupt = true;
      }
      leave(probe);
      probe.ended.countDown();
    }
  }

  private <X extends Throwable> X inject(StressProbe probe, X failure) {
    probe.injected = failure;
    stats.faults.increment();
    return failure;
  }

  private CompletionStage<Integer> stage(StressProbe probe) throws Exception {
    noteLaunch("started a stage task");
    if (closing && closingThread == Thread.currentThread()) {
      // A stage task is invoked by its launch: close() itself launched it. (A task that ends
      // by itself while close() runs may launch the next one on its own thread, as it would
      // have a moment before; close() then cancels that one too.)
      async.add("WaitResult.close() launched slot " + probe.index + " (issue 8, bug 5)");
    }
    enter(probe);
    try {
      int i = probe.index;
      switch (probe.kind) {
        case STAGE_DONE:
          leave(probe);
          if (plan.failedStageDone[i]) {
            failedWhileLaunching = Thread.currentThread();
            return CompletableFuture.failedFuture(inject(probe, new InjectedUnchecked("stage " + i)));
          }
          return CompletableFuture.completedFuture(i);
        case STAGE_THROWS:
          leave(probe);
          failedWhileLaunching = Thread.currentThread();
          if (plan.minimal[i]) {
            throw inject(probe, new InjectedChecked("stage body " + i));
          }
          throw inject(probe, new InjectedUnchecked("stage body " + i));
        case STAGE_NULL:
          leave(probe);
          stats.faults.increment();
          failedWhileLaunching = Thread.currentThread();
          return null;
        case STAGE_NEVER:
          {
            stats.faults.increment();
            CompletableFuture<Integer> never = new CompletableFuture<>();
            never.whenComplete((v, e) -> leave(probe));
            return plan.minimal[i] ? never.minimalCompletionStage() : never;
          }
        default:
          return later(probe);
      }
    } finally {
      probe.ended.countDown();
    }
  }

  /** A stage that a timer thread completes after the slot's delay (or fails, or minimal). */
  private CompletionStage<Integer> later(StressProbe probe) {
    int i = probe.index;
    CompletableFuture<Integer> stage = new CompletableFuture<>();
    stage.whenComplete((v, e) -> leave(probe));
    Runnable complete =
        () -> {
          leave(probe); // before the engine can see the stage complete and hand on the permit
          if (probe.kind == Kind.STAGE_FAIL_LATER) {
            Throwable failure =
                plan.minimal[i] ? new InjectedChecked("stage " + i) : new InjectedError("stage " + i);
            probe.injected = failure; // before the engine can see it
            if (stage.completeExceptionally(failure)) {
              stats.faults.increment();
            } else {
              probe.injected = null; // the slot had been cancelled
            }
          } else {
            stage.complete(i);
          }
        };
    long delay = plan.delayMicros[i];
    if (delay == 0) {
      TIMERS.execute(complete);
    } else {
      TIMERS.schedule(complete, delay, TimeUnit.MICROSECONDS);
    }
    return probe.kind == Kind.STAGE_MINIMAL ? stage.minimalCompletionStage() : stage;
  }

  // ---- the caller ------------------------------------------------------------------------------

  private Void callOnCallerThread() throws Exception {
    caller = Thread.currentThread();
    Thread.interrupted(); // a pooled caller thread starts clean
    startNanos = System.nanoTime();
    FanOutCall<Integer> call = build();
    switch (plan.style) {
      case GATHER:
        gather(call);
        break;
      case SETTLE:
        settle(call);
        break;
      case WAIT:
        await(call);
        break;
      default:
        stream(call);
    }
    return null;
  }

  private void gather(FanOutCall<Integer> call) throws InterruptedException {
    if (plan.async) {
      CompletableFuture<?> future =
          plan.resultShape == 0
              ? call.gatherListAsync()
              : plan.resultShape == 1 ? call.gatherAsync() : call.gatherAsync(() -> MARKER);
      join(future);
    } else {
      openWindow();
      try {
        value = plan.resultShape == 0 ? call.gatherList() : null;
        if (plan.resultShape != 0) {
          call.gather();
        }
      } catch (Throwable t) {
        caught(t);
      }
      closeWindow();
    }
    boolean siblingsRunOn =
        !plan.cancelOnFailure && thrown != null && isInjected(thrown);
    if (!siblingsRunOn) {
      callOver = true;
    }
  }

  private void settle(FanOutCall<Integer> call) throws InterruptedException {
    if (plan.async) {
      join(plan.resultShape == 0 ? call.settleListAsync() : call.settleAsync());
    } else {
      openWindow();
      try {
        value = plan.resultShape == 0 ? call.settleList() : null;
        if (plan.resultShape != 0) {
          call.settle();
        }
      } catch (Throwable t) {
        caught(t);
      }
      closeWindow();
    }
    callOver = true;
  }

  private void await(FanOutCall<Integer> call) throws InterruptedException {
    if (plan.async) {
      CompletableFuture<?> future;
      if (plan.resultShape == 2) {
        future =
            call.waitForAsync(
                result -> {
                  stats.faults.increment();
                  throw new InjectedUnchecked("building the result failed");
                });
      } else {
        future = plan.resultShape == 0 ? call.waitForAsync() : call.waitForAsync(r -> r);
      }
      join(future);
      if (thrown == null && value == null) {
        violation("the async wait completed with null (issue 8, bug 4)");
      }
    } else {
      openWindow();
      try {
        value = call.waitFor();
      } catch (Throwable t) {
        caught(t);
      }
      closeWindow();
    }
    if (value instanceof WaitResult<?> result) {
      checkWaitResult(result);
      closingThread = Thread.currentThread();
      closing = true;
      result.close();
      closingThread = null;
    }
    callOver = true;
  }

  private void stream(FanOutCall<Integer> call) throws InterruptedException {
    boolean tasks = plan.style == Style.STREAM_TASKS;
    Stream<?> stream;
    if (plan.async) {
      join(tasks ? call.asCompletedTasksAsync() : call.asCompletedAsync());
      if (!(value instanceof Stream<?> s)) {
        callOver = true;
        return;
      }
      stream = s;
      value = null;
    } else {
      openWindow();
      try {
        stream = tasks ? call.asCompletedTasks() : call.asCompleted();
      } catch (Throwable t) {
        caught(t);
        closeWindow();
        callOver = true;
        return;
      }
    }
    consume(stream);
    closeWindow();
    callOver = true;
  }

  private void consume(Stream<?> stream) {
    boolean closeEarly =
        plan.interference == Interference.CLOSE_EARLY
            || Boolean.FALSE.equals(cancelReturned)
            || Boolean.FALSE.equals(completeReturned); // the future had completed: end it anyway
    int closeAfter = plan.interference == Interference.CLOSE_EARLY ? plan.closeAfter : 0;
    try (stream) {
      Iterator<?> it = stream.iterator();
      while (true) {
        if (closeEarly && yielded.size() >= closeAfter) {
          closedEarly = true;
          stats.faults.increment();
          break;
        }
        if (!it.hasNext()) {
          streamEndedNormally = true;
          break;
        }
        Object next = it.next();
        yielded.add(yieldedIndex(next));
        if (plan.interference == Interference.BUSY_CONSUMER && yielded.size() == 1) {
          busyPastTheDeadline();
        }
      }
    } catch (Throwable t) {
      caught(t);
    }
  }

  private int yieldedIndex(Object next) {
    if (next instanceof Task<?> task) {
      if (!task.isDone()) {
        violation("the task stream yielded slot " + task.index() + " before it ended");
      }
      return task.index();
    }
    return (Integer) next;
  }

  /**
   * The consumer does not touch the stream until the deadline has passed by 5 s or every slot
   * has ended: the deadline must cancel the unfinished slots at once, whatever the consumer does.
   */
  private void busyPastTheDeadline() throws InterruptedException {
    stats.faults.increment();
    long giveUp = startNanos + plan.timeout.toNanos() + BUSY_SLACK_NANOS;
    while (System.nanoTime() - giveUp < 0) {
      if (probes.stream().allMatch(p -> p.task.isDone())) {
        return;
      }
      Thread.sleep(1);
    }
    violation(
        "slots still unfinished 5 s after the stream's deadline while its consumer was busy (issue 8, bug 2): "
            + states());
  }

  /** Waits for an async call's future while the interference (if any) acts on it. */
  private void join(CompletableFuture<?> future) throws InterruptedException {
    ScheduledFuture<?> interferer = null;
    if (plan.interference == Interference.CANCEL_FUTURE) {
      interferer =
          TIMERS.schedule(
              () -> {
                cancelReturned = future.cancel(true);
                if (cancelReturned) {
                  stats.faults.increment();
                }
              },
              plan.interferenceMicros,
              TimeUnit.MICROSECONDS);
    } else if (plan.interference == Interference.COMPLETE_FUTURE) {
      interferer =
          TIMERS.schedule(
              () -> {
                @SuppressWarnings("unchecked") // a test's marker, read back as an Object only
                CompletableFuture<Object> raw = (CompletableFuture<Object>) future;
                completeReturned = raw.complete(OUTSIDE);
                if (completeReturned) {
                  stats.faults.increment();
                }
              },
              plan.interferenceMicros,
              TimeUnit.MICROSECONDS);
    }
    try {
      value = future.get();
    } catch (ExecutionException e) {
      thrown = e.getCause();
    } catch (CancellationException e) {
      thrown = e;
    }
    if (interferer != null) {
      try {
        interferer.get();
      } catch (ExecutionException e) {
        violation("the interference failed: " + stackOf(e.getCause()));
      }
    }
  }

  private void caught(Throwable t) {
    thrown = t;
    flagAtThrow = Thread.currentThread().isInterrupted();
  }

  private void openWindow() {
    if (plan.interference != Interference.INTERRUPT_CALLER || !window.compareAndSet(0, 1)) {
      return;
    }
    TIMERS.schedule(
        () -> {
          if (window.compareAndSet(1, 2)) {
            caller.interrupt();
            interruptSent = true;
            stats.faults.increment();
            window.set(3);
          }
        },
        plan.interferenceMicros,
        TimeUnit.MICROSECONDS);
  }

  /** Ends the window in which the caller may be interrupted; clears a late interrupt. */
  private void closeWindow() {
    if (!window.compareAndSet(1, 3)) {
      while (window.get() == 2) {
        Thread.onSpinWait();
      }
    }
    Thread.interrupted();
  }

  // ---- checks ----------------------------------------------------------------------------------

  private void checkWaitResult(WaitResult<?> result) {
    Set<Integer> seen = new HashSet<>();
    for (Task<?> task : result.done()) {
      if (!task.isDone()) {
        violation("wait's done() holds slot " + task.index() + ", which has not ended");
      }
      if (!seen.add(task.index())) {
        violation("slot " + task.index() + " is twice in the wait result");
      }
    }
    int last = -1;
    for (Task<?> task : result.pending()) {
      if (task.index() <= last) {
        violation("wait's pending() is not in slot order: " + result.pending());
      }
      last = task.index();
      if (!seen.add(task.index())) {
        violation("slot " + task.index() + " is twice in the wait result");
      }
    }
    if (seen.size() != plan.size) {
      violation("done and pending hold " + seen.size() + " of " + plan.size + " slots");
    }
    boolean untimed = !plan.timeoutKind.ends() && plan.interference == Interference.NONE;
    if (untimed && !conditionMet(result)) {
      violation("wait returned before " + plan.returnWhen + " held, with no timeout: " + result);
    }
  }

  private boolean conditionMet(WaitResult<?> result) {
    switch (plan.returnWhen) {
      case FIRST_COMPLETED:
        return plan.size == 0 || !result.done().isEmpty();
      case FIRST_EXCEPTION:
        return result.pending().isEmpty()
            || result.done().stream().anyMatch(t -> t.state() == Task.State.FAILED);
      default:
        return result.pending().isEmpty();
    }
  }

  private void checkResult() {
    if (plan.size == 0 && plan.interference == Interference.NONE) {
      checkEmpty();
    }
    if (thrown != null) {
      checkThrown();
    } else {
      checkValue();
    }
  }

  private void checkEmpty() {
    if (executeCalls.get() != 0) {
      violation("an empty call touched the executor");
    }
    boolean plannedFailure = plan.style == Style.WAIT && plan.async && plan.resultShape == 2;
    if (thrown != null && !plannedFailure) {
      violation("an empty call threw " + stackOf(thrown));
    }
  }

  private void checkValue() {
    if (value == OUTSIDE || value == MARKER) {
      return;
    }
    switch (plan.style) {
      case GATHER:
        checkGathered();
        break;
      case SETTLE:
        checkSettled();
        break;
      case WAIT:
        break; // checked before close(), on the caller's thread
      default:
        checkYielded();
    }
  }

  private void checkGathered() {
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < plan.size; i++) {
      expected.add(i);
    }
    if (value != null && !expected.equals(value)) {
      violation("gather returned " + value + ", not the results in slot order " + expected);
    }
    for (StressProbe p : probes) {
      if (p.task.state() != Task.State.SUCCESS || !Integer.valueOf(p.index).equals(p.task.result())) {
        violation("gather returned normally, but slot " + p.index + " is " + p.task.state());
      }
    }
  }

  private void checkSettled() {
    if (value == null) {
      for (StressProbe p : probes) {
        if (!p.task.isDone()) {
          violation("settle returned before slot " + p.index + " ended");
        }
      }
      return;
    }
    List<?> outcomes = (List<?>) value;
    if (outcomes.size() != plan.size) {
      violation("settle returned " + outcomes.size() + " outcomes for " + plan.size + " slots");
      return;
    }
    for (StressProbe p : probes) {
      Object o = outcomes.get(p.index);
      Task<Integer> task = p.task;
      boolean matches =
          o instanceof Outcome.Success<?> s
              ? task.state() == Task.State.SUCCESS && Integer.valueOf(p.index).equals(s.value())
              : o instanceof Outcome.Failure<?> f
                  && task.state() == Task.State.FAILED
                  && f.exception() == failureOf(task);
      if (!matches) {
        violation("settle's outcome " + p.index + " is " + o + " but the slot is " + task.state());
      }
      checkFailureIsInjected(p);
    }
  }

  private void checkYielded() {
    Set<Integer> distinct = new HashSet<>(yielded);
    if (distinct.size() != yielded.size()) {
      violation("the stream yielded a slot twice: " + yielded);
    }
    if (plan.style == Style.STREAM) {
      for (int i : yielded) {
        if (probes.get(i).task.state() != Task.State.SUCCESS) {
          violation("the result stream yielded slot " + i + ", which is " + probes.get(i).task.state());
        }
      }
    }
    if (streamEndedNormally && yielded.size() != plan.size) {
      violation("the stream ended after " + yielded.size() + " of " + plan.size + " slots");
    }
  }

  /** A slot that FAILED failed with what its body threw, or with the engine's own reason. */
  private void checkFailureIsInjected(StressProbe p) {
    if (p.task.state() != Task.State.FAILED) {
      return;
    }
    Throwable e = failureOf(p.task);
    boolean engineMade =
        (e instanceof RejectedExecutionException && !p.kind.stage)
            || (p.kind == Kind.STAGE_NULL && p.injected == null);
    if (e != p.injected && !engineMade) {
      violation("slot " + p.index + " failed with " + e + ", not what it threw (" + p.injected + ")");
    }
  }

  private void checkThrown() {
    Throwable t = thrown;
    boolean interrupted = plan.interference == Interference.INTERRUPT_CALLER && interruptSent;
    if (t instanceof CancellationException && Boolean.TRUE.equals(cancelReturned)) {
      return; // the caller cancelled the future
    }
    if (isInterruption(t)) {
      if (!interrupted) {
        violation("the call threw " + t + ", but nobody interrupted the caller");
      } else if (!plan.async && !plan.isStream() && plan.declares && !(t instanceof InterruptedException)) {
        violation("an interrupt must throw the declared InterruptedException, not " + t);
      } else if (t instanceof CancellationException && !flagAtThrow) {
        violation("the CancellationException of an interrupt came without the interrupt flag");
      } else if (t instanceof InterruptedException && (plan.isStream() || !plan.declares)) {
        violation("an undeclared InterruptedException was thrown: " + stackOf(t));
      }
      return;
    }
    if (isTimeout(t)) {
      checkTimeout(t);
      return;
    }
    if (t instanceof InjectedUnchecked && plan.style == Style.WAIT && plan.resultShape == 2) {
      return; // building the wait's result failed, as the plan wanted
    }
    if (isInjected(t)) {
      checkFailureThrown(t);
      return;
    }
    violation("the call threw something it must not: " + stackOf(t));
  }

  private static boolean isInterruption(Throwable t) {
    return t instanceof InterruptedException || t instanceof CancellationException;
  }

  private static boolean isTimeout(Throwable t) {
    return t instanceof FanOutTimeoutException || t instanceof TimeoutException;
  }

  private boolean isInjected(Throwable t) {
    Throwable f = t instanceof TaskFailedException ? t.getCause() : t;
    return probes.stream().anyMatch(p -> p.task.isDone() && f != null && failureOf(p.task) == f)
        || f instanceof InjectedUnchecked
        || f instanceof InjectedChecked
        || f instanceof InjectedError
        || f instanceof RejectedExecutionException
        || f instanceof NullPointerException;
  }

  private void checkTimeout(Throwable t) {
    if (!plan.timeoutKind.ends()) {
      violation("the call timed out with timeout " + plan.timeout + ": " + stackOf(t));
      return;
    }
    if (plan.isStream()) {
      if (!(t instanceof FanOutTimeoutException)) {
        violation("a stream's timeout must be a FanOutTimeoutException (decision 9), not " + t);
      }
      return;
    }
    if (plan.style == Style.WAIT) {
      violation("a wait's timeout must not throw: " + stackOf(t));
      return;
    }
    if (!plan.async) {
      Class<?> expected = plan.declares ? TimeoutException.class : FanOutTimeoutException.class;
      if (!expected.isInstance(t)) {
        violation("the timeout must be a " + expected.getSimpleName() + ", not " + t);
      }
    }
    if (plan.interference == Interference.NONE) {
      everyFailureVisibleIn(t, "the timeout (SPEC; decision 8)");
    }
  }

  private void checkFailureThrown(Throwable t) {
    if (plan.style == Style.SETTLE || plan.style == Style.WAIT || plan.style == Style.STREAM_TASKS) {
      violation(plan.style + " threw a task's failure: " + stackOf(t));
      return;
    }
    Throwable failure = t instanceof TaskFailedException ? t.getCause() : t;
    StressProbe source = null;
    for (StressProbe p : probes) {
      if (p.task.state() == Task.State.FAILED && failureOf(p.task) == failure) {
        source = p;
      }
    }
    if (source == null) {
      violation("the thrown failure is no FAILED slot's: " + stackOf(t));
      return;
    }
    boolean checked = !(failure instanceof RuntimeException || failure instanceof Error);
    boolean mayBeRaw = !checked || (plan.style == Style.GATHER && (plan.declares || plan.async));
    boolean mayBeWrapped = checked || (plan.style == Style.GATHER && plan.async);
    if (t == failure ? !mayBeRaw : !mayBeWrapped) {
      violation("slot " + source.index + "'s failure is thrown as " + t + " (declares=" + plan.declares + ")");
    }
    if (t instanceof TaskFailedException wrapped
        && (wrapped.index() != source.index || !source.task.name().equals(wrapped.name()))) {
      violation("the TaskFailedException names " + wrapped.name() + "/" + wrapped.index());
    }
    boolean runOn = plan.style == Style.GATHER && !plan.cancelOnFailure;
    boolean callerEnded = plan.interference != Interference.NONE && plan.interference != Interference.BUSY_CONSUMER;
    if (!runOn && !callerEnded) {
      everyFailureVisibleIn(t, plan.style == Style.STREAM ? "the stream's failure (issue 8, bug 7)" : "the thrown failure");
    }
  }

  /** Every slot that ended FAILED is the thrown exception (or its cause) or suppressed in it. */
  private void everyFailureVisibleIn(Throwable thrown, String what) {
    awaitAllDone();
    for (StressProbe p : probes) {
      if (p.task.state() != Task.State.FAILED) {
        continue;
      }
      Throwable f = failureOf(p.task);
      if (!is(f, thrown) && java.util.Arrays.stream(thrown.getSuppressed()).noneMatch(s -> is(f, s))) {
        violation("slot " + p.index + "'s failure " + f + " was lost: not in " + what + " " + stackOf(thrown));
      }
    }
  }

  /** A slot's failure, or null if it has not FAILED ({@link Task#exception()} would throw). */
  private static Throwable failureOf(Task<?> task) {
    return task.state() == Task.State.FAILED ? task.exception() : null;
  }

  private static boolean is(Throwable failure, Throwable t) {
    return t == failure || (t instanceof TaskFailedException && t.getCause() == failure);
  }

  private boolean awaitAllDone() {
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(END_BOUND_SECONDS);
    while (!probes.stream().allMatch(p -> p.task.isDone())) {
      if (System.nanoTime() - giveUp > 0) {
        return false;
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** After the call: every slot done and every started body returned, within 10 s; and the rest. */
  private void checkEnded() throws InterruptedException {
    if (!awaitAllDone()) {
      violation(END_BOUND_SECONDS + " s after the call ended, slots are unfinished: " + states());
      probes.forEach(p -> p.task.cancel()); // so that they do not run on into the next calls
    }
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(END_BOUND_SECONDS);
    for (StressProbe p : probes) {
      if (!p.hasStarted()) {
        continue;
      }
      long left = Math.max(0, giveUp - System.nanoTime());
      if (!p.ended.await(left, TimeUnit.NANOSECONDS)) {
        violation("slot " + p.index + "'s body still runs " + END_BOUND_SECONDS + " s after the call ended (" + p.task.state() + ")");
      } else if (p.kind == Kind.HANG && !p.sawInterrupt) {
        violation("slot " + p.index + " hangs until interrupted, yet ended without an interrupt");
      }
      if (p.startedInterrupted && p.task.state() != Task.State.CANCELLED) {
        violation("slot " + p.index + " started on a pooled thread that was still interrupted (an interrupt leaked); it is " + p.task.state());
      }
    }
    int peak = plan.limit > 0 ? peakHolding() : 0;
    if (peak > plan.limit) {
      violation(peak + " slots were in flight under maxConcurrency " + plan.limit);
    }
    for (StressProbe p : probes) {
      if (p.task.state() == Task.State.FAILED && thrown == null) {
        checkFailureIsInjected(p);
      }
    }
  }

  private String states() {
    StringBuilder s = new StringBuilder("[");
    for (StressProbe p : probes) {
      s.append(p.index).append('=').append(p.task.state()).append(p.hasStarted() ? "" : "(not started)").append(' ');
    }
    return s.append(']').toString();
  }

  private void violation(String message) {
    violations.add("seed " + plan.seed + ": " + message + "\n    " + plan);
  }

  private static String stackOf(Throwable t) {
    StringBuilder s = new StringBuilder(String.valueOf(t));
    for (Throwable sup : t == null ? new Throwable[0] : t.getSuppressed()) {
      s.append(" [suppressed ").append(sup).append(']');
    }
    if (t != null && t.getCause() != null) {
      s.append(" [cause ").append(t.getCause()).append(']');
    }
    return s.toString();
  }
}
