package dev.fanout.contextpropagation;

import dev.fanout.Async;
import dev.fanout.Gather;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** An owner whose tasks return the tenant they saw. */
public abstract class Tenants {
  static final ThreadLocal<String> TENANT = new ThreadLocal<>();
  /** Where a remote task's stage completes: a client library's own threads. */
  static volatile Executor client;

  @Async
  String local(String key) {
    return key + "@" + TENANT.get();
  }

  @Async
  CompletableFuture<String> remote(String key) { // invoked on whichever thread launches it
    String seen = key + "@" + TENANT.get() + " on " + Thread.currentThread().getName();
    return completedLater(seen);
  }

  @Gather("local")
  public abstract List<String> locals(List<String> keys);

  @Gather(value = "local", maxConcurrency = 1)
  public abstract List<String> localsOneAtATime(List<String> keys);

  @Gather(value = "remote", maxConcurrency = 1)
  public abstract List<String> remotesOneAtATime(List<String> keys);

  /** The thread that calls the fan-out method, parked while the call runs. */
  static volatile Thread caller;

  /**
   * A stage that a client thread completes once the engine has composed it and the caller is
   * parked, waiting for the call: so that the slot after it (under maxConcurrency = 1) is
   * launched from that client thread every time, not from the caller's still launching.
   */
  static <V> CompletableFuture<V> completedLater(V value) {
    CompletableFuture<V> stage = new CompletableFuture<>();
    client.execute(() -> {
      while (stage.getNumberOfDependents() == 0 || !parked(caller)) {
        Thread.yield();
      }
      stage.complete(value);
    });
    return stage;
  }

  private static boolean parked(Thread thread) {
    Thread.State state = thread.getState();
    return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
  }
}
