package dev.fanout.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor of coordinators built without one: a virtual thread per task where the JVM has
 * them (Java 21+), else a shared cached pool of daemon threads. Never the common pool, whose few
 * threads blocking tasks would starve.
 */
public final class DefaultExecutor {
  private DefaultExecutor() {}

  /** The shared default executor. */
  public static Executor get() {
    return Holder.EXECUTOR;
  }

  /** Whether {@link #get()} runs each task on a virtual thread. */
  public static boolean usesVirtualThreads() {
    return Holder.VIRTUAL;
  }

  private static final class Holder {
    static final ExecutorService VIRTUAL_EXECUTOR = virtualThreadsOrNull();
    static final boolean VIRTUAL = VIRTUAL_EXECUTOR != null;
    static final Executor EXECUTOR = VIRTUAL ? VIRTUAL_EXECUTOR : daemonPool();
  }

  // Compiled for Java 17, so Java 21's factory is looked up, not linked.
  private static ExecutorService virtualThreadsOrNull() {
    try {
      MethodHandle factory =
          MethodHandles.publicLookup()
              .findStatic(
                  Executors.class,
                  "newVirtualThreadPerTaskExecutor",
                  MethodType.methodType(ExecutorService.class));
      return (ExecutorService) factory.invoke();
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null;
    } catch (Throwable e) {
      // Present but unusable (e.g. preview-only on 19/20 without --enable-preview).
      return null;
    }
  }

  private static ExecutorService daemonPool() {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory daemons =
        runnable -> {
          Thread thread = new Thread(runnable, "fanout-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    return Executors.newCachedThreadPool(daemons);
  }
}
