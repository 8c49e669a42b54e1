package dev.fanout.functional;

import dev.fanout.AsCompleted;
import dev.fanout.Async;
import dev.fanout.Gather;
import dev.fanout.ReturnWhen;
import dev.fanout.Task;
import dev.fanout.Wait;
import dev.fanout.WaitResult;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** Signatures at the edges: varargs, wildcards, overloads, generic records, void stages. */
public abstract class Edges {
  /** A generic record filled from two different tasks. */
  public record Pair<A, B>(A first, B second) {}

  final List<String> logged = new CopyOnWriteArrayList<>();

  @Async
  Integer num(Number n) {
    return n.intValue();
  }

  @Async
  String str(String s) {
    return s;
  }

  @Async
  void log(String line) {
    logged.add(line);
  }

  @Async
  CompletionStage<Long> later(long x) {
    return CompletableFuture.supplyAsync(() -> x * 10);
  }

  @Gather("num")
  protected abstract List<Integer> nums(List<? extends Number> ns);

  @Gather("num")
  abstract List<Integer> numsOf(Integer... ns);

  @Gather({"num", "str"})
  abstract Pair<Integer, String> pair(Number n, String s);

  @Gather("str")
  abstract List<String> overloaded(String s);

  @Gather("num")
  abstract List<Integer> overloaded(Number n);

  @Gather("log")
  abstract void logAll(Collection<String> lines);

  @Gather("log")
  abstract CompletionStage<Void> logAllLater(Iterable<String> lines);

  @Gather({"later", "num"})
  abstract List<? extends Number> mixed(long x, Number n);

  @Wait(value = "later", returnWhen = ReturnWhen.FIRST_EXCEPTION)
  abstract CompletableFuture<WaitResult<Long>> waitLater(long[] xs, Duration timeout);

  @AsCompleted("later")
  abstract CompletionStage<Stream<Task<Long>>> streamLater(List<Long> xs);
}
