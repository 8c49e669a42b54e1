package dev.fanout.opentelemetry;

import dev.fanout.Async;
import dev.fanout.Gather;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;

/** An owner whose tasks make spans of their own, fail, hang, or fan out again. */
public abstract class Traced {
  static volatile Tracer tracer;
  /** Where a remote task's stage completes: a client library's own threads. */
  static volatile Executor client;
  /** The coordinator itself, for the nested call. */
  static volatile Traced self;

  private static final CountDownLatch NEVER = new CountDownLatch(1);

  @Async
  String work(String key) {
    tracer.spanBuilder("work " + key).startSpan().end(); // a user span, made inside the task
    return key;
  }

  @Async
  CompletableFuture<String> remote(String key) { // invoked on whichever thread launches it
    tracer.spanBuilder("remote " + key)
        .setAttribute("thread", Thread.currentThread().getName()).startSpan().end();
    return completedLater(key);
  }

  @Async
  String nested(String key) {
    return String.join(",", self.works(List.of(key + "1", key + "2")));
  }

  @Async
  String fail(String key) {
    throw new IllegalStateException("no " + key);
  }

  @Async
  String hang(String key) throws InterruptedException {
    NEVER.await(); // until cancelled
    return key;
  }

  @Gather("work")
  public abstract List<String> works(List<String> keys);

  @Gather(value = "work", maxConcurrency = 1)
  public abstract List<String> worksOneAtATime(List<String> keys);

  @Gather(value = "remote", maxConcurrency = 1)
  public abstract List<String> remotesOneAtATime(List<String> keys);

  @Gather("nested")
  public abstract List<String> nesteds(List<String> keys);

  @Gather({"fail", "hang"})
  public abstract List<String> failOrHang(String key);

  @Gather(value = "hang", timeout = "PT0.2S")
  public abstract List<String> hangs(List<String> keys);

  /** What a task or a stage-task invocation sees as current. */
  static Span current() {
    return Span.current();
  }

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
