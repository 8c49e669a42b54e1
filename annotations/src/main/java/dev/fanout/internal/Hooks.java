package dev.fanout.internal;

import dev.fanout.ContextPropagator;
import dev.fanout.FanOut;
import dev.fanout.FanOutListener;
import dev.fanout.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the engine is hooked to: the registered context propagators and listeners (registered
 * with {@link FanOut} or found by {@link ServiceLoader}), and the task that the current thread
 * runs. With nothing registered, a call pays one volatile read per hook and allocates nothing.
 */
public final class Hooks {
  /**
   * The thread's current task, in a cell the thread keeps: entering and leaving a task is then
   * one thread-local lookup and two field writes, not three lookups.
   */
  static final class Current {
    Slot<?> task;
    /** The elastic call whose hand-on ({@code FanOutCall.handOn}) this thread is in, or null. */
    FanOutCall<?> handingOn;
    /** How many runners this thread ran inline, inside a hand-on: those it does not count. */
    int ranInline;
  }

  private static final ThreadLocal<Current> CURRENT = ThreadLocal.withInitial(Current::new);
  private static final Object LOCK = new Object();
  private static final Set<Object> REPORTED = ConcurrentHashMap.newKeySet();

  private static volatile ContextPropagator[] propagators =
      loaded(ContextPropagator.class, new ContextPropagator[0]);
  private static volatile FanOutListener[] listeners =
      loaded(FanOutListener.class, new FanOutListener[0]);

  private Hooks() {}

  /** fanout's logger, looked up only when there is something to say (it starts a logging system). */
  private static System.Logger log() {
    return System.getLogger("dev.fanout");
  }

  // ---- registration ----------------------------------------------------------------------------

  /** Registers {@code propagator} after those registered so far. */
  public static FanOut.Registration register(ContextPropagator propagator) {
    if (propagator == null) {
      throw new NullPointerException("propagator");
    }
    synchronized (LOCK) {
      propagators = appended(propagators, propagator);
    }
    return once(() -> {
      synchronized (LOCK) {
        propagators = removed(propagators, propagator, new ContextPropagator[0]);
      }
    });
  }

  /** Registers {@code listener} after those registered so far. */
  public static FanOut.Registration register(FanOutListener listener) {
    if (listener == null) {
      throw new NullPointerException("listener");
    }
    synchronized (LOCK) {
      listeners = appended(listeners, listener);
    }
    return once(() -> {
      synchronized (LOCK) {
        listeners = removed(listeners, listener, new FanOutListener[0]);
      }
    });
  }

  static ContextPropagator[] propagators() {
    return propagators;
  }

  static FanOutListener[] listeners() {
    return listeners;
  }

  private static FanOut.Registration once(Runnable unregister) {
    return new FanOut.Registration() {
      private boolean closed;

      @Override
      public synchronized void close() {
        if (!closed) {
          closed = true;
          unregister.run();
        }
      }
    };
  }

  private static <H> H[] appended(H[] hooks, H hook) {
    H[] more = Arrays.copyOf(hooks, hooks.length + 1);
    more[hooks.length] = hook;
    return more;
  }

  private static <H> H[] removed(H[] hooks, H hook, H[] empty) {
    List<H> kept = new ArrayList<>(Arrays.asList(hooks));
    kept.remove(hook);
    return kept.toArray(empty);
  }

  /** The providers {@link ServiceLoader} finds; one that cannot be loaded is reported and left out. */
  private static <H> H[] loaded(Class<H> type, H[] empty) {
    List<H> found = new ArrayList<>();
    try {
      ServiceLoader<H> loader = ServiceLoader.load(type, Hooks.class.getClassLoader());
      for (var iterator = loader.iterator(); ; ) {
        try {
          if (!iterator.hasNext()) {
            break;
          }
          found.add(iterator.next());
        } catch (ServiceConfigurationError e) {
          log().log(System.Logger.Level.ERROR, "fanout: a " + type.getName() + " could not be loaded", e);
        }
      }
    } catch (ServiceConfigurationError e) {
      log().log(System.Logger.Level.ERROR, "fanout: " + type.getName() + " providers could not be listed", e);
    }
    return found.toArray(empty);
  }

  // ---- the current task ------------------------------------------------------------------------

  /** The task whose body (or stage invocation) this thread is running; null elsewhere. */
  static Slot<?> current() {
    return CURRENT.get().task;
  }

  /** {@link FanOut#current()}. */
  public static FanOut.Call currentCall() {
    Slot<?> slot = CURRENT.get().task;
    return slot == null ? null : slot.call;
  }

  /**
   * This thread's cell: a task sets itself as {@link Current#task} around its body and puts back
   * what was there (null on a pool thread, so the cell holds nothing between tasks).
   */
  static Current here() {
    return CURRENT.get();
  }

  // ---- in flight -------------------------------------------------------------------------------

  /** Whether the calls running now are tracked for {@link FanOut#inFlight()}: a cost per call. */
  private static final boolean IN_FLIGHT =
      !"false".equalsIgnoreCase(System.getProperty("fanout.inflight"));
  private static final Set<FanOutCall<?>> RUNNING = ConcurrentHashMap.newKeySet();

  static void started(FanOutCall<?> call) {
    if (IN_FLIGHT) {
      RUNNING.add(call);
    }
  }

  static void ended(FanOutCall<?> call) {
    if (IN_FLIGHT) {
      RUNNING.remove(call);
    }
  }

  /** {@link FanOut#inFlight()}: the running calls, each child under the task that made it. */
  public static FanOut.InFlight inFlight() {
    List<FanOut.InFlight.CallView> top = new ArrayList<>();
    long now = System.nanoTime();
    List<FanOutCall<?>> calls = new ArrayList<>(RUNNING);
    calls.sort(java.util.Comparator.comparingLong(FanOutCall::startedAt));
    for (FanOutCall<?> call : calls) {
      Slot<?> parent = call.parentSlot();
      if (parent == null || !RUNNING.contains(parent.call)) {
        top.add(view(call, now));
      }
    }
    return new FanOut.InFlight(top);
  }

  private static FanOut.InFlight.CallView view(FanOutCall<?> call, long now) {
    List<FanOut.InFlight.TaskView> tasks = new ArrayList<>();
    for (Slot<?> slot : call.slots()) {
      List<FanOut.InFlight.CallView> children = new ArrayList<>();
      for (FanOutCall<?> child : slot.children()) {
        if (RUNNING.contains(child)) {
          children.add(view(child, now));
        }
      }
      long started = slot.startedAt();
      java.util.Optional<java.time.Duration> elapsed =
          started == 0 || slot.isDone()
              ? java.util.Optional.empty()
              : java.util.Optional.of(java.time.Duration.ofNanos(now - started));
      tasks.add(new FanOut.InFlight.TaskView(
          slot.name(), slot.index(), slot.state(), elapsed, children));
    }
    return new FanOut.InFlight.CallView(
        call.site(), java.time.Duration.ofNanos(now - call.startedAt()), tasks);
  }

  // ---- listeners -------------------------------------------------------------------------------

  static void callStarted(FanOutListener[] to, FanOut.Call call) {
    each(to, listener -> listener.callStarted(call));
  }

  static void taskStarted(FanOutListener[] to, FanOut.Call call, Task<?> task) {
    each(to, listener -> listener.taskStarted(call, task));
  }

  static void taskFinished(FanOutListener[] to, FanOut.Call call, Task<?> task, long nanos) {
    each(to, listener -> listener.taskFinished(call, task, nanos));
  }

  static void callEnded(FanOutListener[] to, FanOut.Call call, FanOut.Ending ending, long nanos) {
    each(to, listener -> listener.callEnded(call, ending, nanos));
  }

  /** Tells every listener of an event; callers check that there is one before making the event. */
  private static void each(FanOutListener[] to, java.util.function.Consumer<FanOutListener> event) {
    for (FanOutListener listener : to) {
      try {
        event.accept(listener);
      } catch (Throwable t) {
        report(listener, t);
      }
    }
  }

  /** A listener threw: reported once per listener, never to the call. */
  private static void report(FanOutListener listener, Throwable t) {
    if (REPORTED.add(listener)) {
      log().log(System.Logger.Level.WARNING,
          "fanout: listener " + listener + " threw; it stays registered, and this is reported once",
          t);
    }
  }

  // ---- JMX -------------------------------------------------------------------------------------

  static {
    // When the engine is first used, after the fields above are set; off the caller's thread,
    // since starting the platform MBean server takes a while and no call should wait for it.
    if (IN_FLIGHT) {
      Thread registering = new Thread(Hooks::registerMBean, "fanout-jmx");
      registering.setDaemon(true);
      registering.start();
    }
  }

  /** Registers {@code dev.fanout:type=FanOut}; a failure (no management, a name taken) is logged. */
  private static void registerMBean() {
    try {
      javax.management.MBeanServer server =
          java.lang.management.ManagementFactory.getPlatformMBeanServer();
      javax.management.ObjectName name = new javax.management.ObjectName("dev.fanout:type=FanOut");
      if (!server.isRegistered(name)) {
        FanOutMXBean view = () -> inFlight().toString();
        server.registerMBean(
            new javax.management.StandardMBean(view, FanOutMXBean.class, true), name);
      }
    } catch (Throwable t) {
      log().log(System.Logger.Level.DEBUG, "fanout: the JMX view was not registered", t);
    }
  }
}
