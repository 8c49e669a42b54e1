package dev.fanout.slf4j;

import dev.fanout.Async;
import dev.fanout.Gather;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** An owner whose tasks log, and return the request id they saw in the MDC. */
public abstract class Requests {
  static final Logger LOG = LoggerFactory.getLogger(Requests.class);

  /** Where a remote task's stage completes: a client library's own threads. */
  static volatile Executor client;

  @Async
  String lookup(String key) {
    LOG.info("lookup {}", key);
    return MDC.get("request");
  }

  @Async
  CompletableFuture<String> remote(String key) { // invoked on whichever thread launches it
    LOG.info("remote {}", key);
    String seen = MDC.get("request");
    return completedLater(seen);
  }

  @Gather("lookup")
  public abstract List<String> lookups(List<String> keys);

  @Gather(value = "lookup", maxConcurrency = 1)
  public abstract List<String> lookupsOneAtATime(List<String> keys);

  @Gather("remote")
  public abstract List<String> remotes(List<String> keys);

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
