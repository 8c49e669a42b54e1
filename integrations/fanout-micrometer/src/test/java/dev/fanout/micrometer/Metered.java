package dev.fanout.micrometer;

import dev.fanout.Async;
import dev.fanout.Gather;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;

/** An owner whose tasks succeed, fail, hang until released, or complete on another thread. */
public abstract class Metered {
  static volatile CountDownLatch started = new CountDownLatch(0);
  static volatile CountDownLatch release = new CountDownLatch(0);
  static volatile Executor client;

  @Async
  String ok(String key) {
    return key;
  }

  @Async
  String fail(String key) {
    throw new IllegalStateException("no " + key);
  }

  @Async
  String held(String key) throws InterruptedException {
    started.countDown();
    release.await();
    return key;
  }

  @Async
  CompletableFuture<String> remote(String key) {
    return CompletableFuture.supplyAsync(() -> key, client);
  }

  @Gather("ok")
  public abstract List<String> oks(List<String> keys);

  @Gather({"fail", "held"})
  public abstract List<String> failOrHeld(String key);

  @Gather("held")
  public abstract CompletableFuture<List<String>> helds(List<String> keys);

  @Gather(value = "remote", maxConcurrency = 1)
  public abstract List<String> remotesOneAtATime(List<String> keys);
}
