package dev.fanout.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The executor of coordinators built without one: a virtual thread per task where the JVM has
 * them (Java 21+); on Java 17, a shared {@linkplain Elastic elastic pool} of daemon threads. Never
 * the common pool, whose few threads blocking tasks would starve.
 *
 * <p><b>Why an elastic pool on Java 17.</b> A default executor has to hold two opposite loads
 * without knowing which one it has: a burst of tiny tasks (the seed's 100,000
 * {@code doSomeWork(i)}), which wants as many threads as cores and a queue; and many blocking
 * tasks (10,000 calls that each wait 100 ms), which want a thread per task. The 0.1 default, a
 * cached pool, holds only the second: under a burst it starts a thread for nearly every task and
 * ran the seed 6–9 times slower than a fixed pool of two. A fixed pool holds only the first.
 *
 * <p>Two known designs hold both. Kotlin's {@code Dispatchers.IO} shares one elastic pool of
 * threads with {@code Dispatchers.Default}; a task is <em>declared</em> blocking by the dispatcher
 * it is sent to, and the pool adds threads for blocking tasks up to a limit (64 by default, more
 * through {@code limitedParallelism} views). {@code ForkJoinPool} keeps its parallelism of active
 * threads by <em>compensating</em>: a worker about to block says so through
 * {@code ForkJoinPool.managedBlock}, and the pool starts (or wakes) a spare thread for the time it
 * blocks. Both rely on the blocking being announced, and fanout cannot ask that of a task: an
 * {@code @Async} method is ordinary code that calls {@code Thread.sleep}, JDBC or a blocking HTTP
 * client, none of which call {@code managedBlock} on Java 17 (and a {@code ForkJoinPool} without
 * it runs 10,000 sleeping tasks on its few threads, 100 ms at a time). Kotlin's cap of 64 alone
 * would need 16 s for 10,000 tasks of 100 ms.
 *
 * <p>So this pool compensates as {@code ForkJoinPool} does, but notices the blocking itself,
 * as Go's scheduler notices a goroutine stuck in a system call: a {@link ThreadPoolExecutor} with
 * as many core threads as cores (at least two) and an unbounded queue, which is exactly a fixed
 * pool while its tasks compute, plus one supervisor thread that runs only while tasks are
 * queued. Every {@value Elastic#TICK_MILLIS} ms it samples the workers' states; a worker that is
 * waiting, sleeping or blocked (not runnable) in every sample of a tick is counted as blocked,
 * and the core size grows by the blocked count (capped by the queued tasks), so a pool that is
 * all blocked doubles each tick, up to {@value Elastic#MAX_THREADS} threads. When the queue is
 * empty, the core size goes back to the number of cores, and the extra threads end after
 * {@value Elastic#KEEP_ALIVE_SECONDS} s idle. A burst of computing tasks never makes a thread
 * beyond the cores; 10,000 tasks that each sleep 100 ms overlap in well under a second, and
 * 10,000 that all block at once get their threads about as fast as the system creates them.
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
    static final Executor EXECUTOR = VIRTUAL ? VIRTUAL_EXECUTOR : new Elastic("fanout-");
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

  /**
   * The pool of daemon threads that Java 17 gets: a fixed pool while its tasks compute, one more
   * thread per blocked worker while tasks wait in its queue (see {@link DefaultExecutor}).
   */
  static final class Elastic implements Executor {
    static final int TICK_MILLIS = 10;
    static final int SAMPLES = 3;
    static final int MAX_THREADS = 32_768;
    static final int KEEP_ALIVE_SECONDS = 10;

    private static final VarHandle WATCHING;

    static {
      try {
        WATCHING = MethodHandles.lookup().findVarHandle(Elastic.class, "watching", boolean.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final int parallelism;
    private final ThreadPoolExecutor pool;
    private final Set<Thread> workers = ConcurrentHashMap.newKeySet();
    private final Thread supervisor;
    /** True while the supervisor is awake; an execute that finds it false wakes it. */
    private volatile boolean watching;

    Elastic(String prefix) {
      this.parallelism = Math.max(2, Runtime.getRuntime().availableProcessors());
      AtomicInteger count = new AtomicInteger();
      this.pool =
          new ThreadPoolExecutor(
              parallelism,
              MAX_THREADS,
              KEEP_ALIVE_SECONDS,
              TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(),
              task -> {
                Thread thread = new Thread(() -> runWorker(task), prefix + count.incrementAndGet());
                thread.setDaemon(true);
                workers.add(thread);
                return thread;
              });
      pool.allowCoreThreadTimeOut(true); // an idle library holds no threads
      this.watching = true; // until the supervisor has started and found nothing to watch
      this.supervisor = new Thread(this::supervise, prefix + "supervisor");
      supervisor.setDaemon(true);
      supervisor.start();
    }

    private void runWorker(Runnable task) {
      try {
        task.run();
      } finally {
        workers.remove(Thread.currentThread());
      }
    }

    @Override
    public void execute(Runnable task) {
      pool.execute(task);
      if (!watching && WATCHING.compareAndSet(this, false, true)) {
        LockSupport.unpark(supervisor);
      }
    }

    /** The number of threads the pool has now (for tests and benchmarks). */
    int threads() {
      return pool.getPoolSize();
    }

    /** The number of threads it runs while its tasks compute. */
    int parallelism() {
      return parallelism;
    }

    private void supervise() {
      for (; ; ) {
        if (pool.getQueue().isEmpty()) {
          if (pool.getCorePoolSize() != parallelism) {
            pool.setCorePoolSize(parallelism); // the extra threads end once idle for a while
          }
          watching = false;
          if (pool.getQueue().isEmpty()) { // checked after the flag: an enqueue then wakes us
            LockSupport.park(this);
          }
          watching = true;
          continue;
        }
        LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
        compensate();
      }
    }

    /** Adds a thread for each worker blocked through a whole tick, if tasks are waiting. */
    private void compensate() {
      int queued = pool.getQueue().size();
      if (queued == 0) {
        return;
      }
      List<Thread> blocked = new ArrayList<>();
      for (Thread worker : workers) {
        if (isBlocked(worker)) {
          blocked.add(worker);
        }
      }
      // Sampled again, spread over the next few hundred microseconds: a worker waiting a moment
      // for the queue's lock, or just between two tasks, is not blocked in all samples.
      for (int sample = 1; sample < SAMPLES && !blocked.isEmpty(); sample++) {
        LockSupport.parkNanos(this, TimeUnit.MICROSECONDS.toNanos(200));
        blocked.removeIf(worker -> !isBlocked(worker));
      }
      int threads = pool.getPoolSize();
      // A worker waiting for a task (the queue was empty a moment ago) looks blocked too: count
      // only as many as there are workers inside a task.
      int idle = threads - pool.getActiveCount();
      int stuck = blocked.size() - Math.max(0, idle);
      if (stuck <= 0 || threads - stuck >= parallelism) {
        return; // as many threads as cores are running: they drain the queue
      }
      // One more thread per blocked one (as many as tasks wait): the queued tasks are likely to
      // block as the running ones did, so an all-blocked pool doubles each tick. Counted from
      // the threads there are, not from the core size, so that new tasks never start threads
      // that the supervisor did not ask for.
      int grown = Math.min(MAX_THREADS, threads + Math.min(stuck, queued));
      if (grown > pool.getCorePoolSize()) {
        pool.setCorePoolSize(grown); // starts the new threads for queued tasks at once
      }
    }

    private static boolean isBlocked(Thread worker) {
      switch (worker.getState()) {
        case BLOCKED:
        case WAITING:
        case TIMED_WAITING:
          return true;
        default: // NEW (not started yet), RUNNABLE, TERMINATED
          return false;
      }
    }

    @Override
    public String toString() {
      return "DefaultExecutor.Elastic[" + parallelism + " cores, " + pool.getPoolSize()
          + " threads, " + pool.getQueue().size() + " queued]";
    }
  }
}
