package dev.fanout.functional;

import dev.fanout.AsCompleted;
import dev.fanout.Async;
import dev.fanout.ReturnWhen;
import dev.fanout.Task;
import dev.fanout.Wait;
import dev.fanout.WaitResult;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** An owner with every @Wait and @AsCompleted shape; each test scripts its {@link Hooks}. */
public abstract class Race {

  /** What the tasks do. */
  public interface Hooks {
    default String first() throws Exception {
      return "first";
    }

    default String second() throws Exception {
      return "second";
    }

    default String work(int x) throws Exception {
      return "work " + x;
    }
  }

  /** Typed per-slot handles. */
  public record Both(Task<String> first, Task<String> second) {}

  private final Hooks hooks;

  protected Race(Hooks hooks) {
    this.hooks = hooks;
  }

  @Async
  String first() throws Exception {
    return hooks.first();
  }

  @Async
  String second() throws Exception {
    return hooks.second();
  }

  @Async
  String work(int x) throws Exception {
    return hooks.work(x);
  }

  @Async
  int count() {
    return 42;
  }

  // ---- @Wait ---------------------------------------------------------------------------------

  @Wait({"first", "second"})
  abstract WaitResult<String> all();

  @Wait(value = {"first", "second"}, returnWhen = ReturnWhen.FIRST_COMPLETED)
  abstract WaitResult<String> firstCompleted();

  @Wait(value = {"first", "second"}, returnWhen = ReturnWhen.FIRST_EXCEPTION)
  abstract WaitResult<String> firstException();

  @Wait({"first", "second"})
  abstract Both both();

  @Wait(value = {"first", "second"}, returnWhen = ReturnWhen.FIRST_COMPLETED)
  abstract CompletableFuture<Both> bothAsync();

  @Wait("work")
  abstract CompletionStage<WaitResult<String>> allAsync(List<Integer> xs);

  @Wait(value = "work", timeout = "PT0.2S")
  abstract WaitResult<String> workTimed(List<Integer> xs);

  @Wait("work")
  abstract WaitResult<String> workWithin(List<Integer> xs, Duration timeout);

  @Wait(value = "work", maxConcurrency = 1, returnWhen = ReturnWhen.FIRST_COMPLETED)
  abstract WaitResult<String> workOneAtATime(List<Integer> xs);

  @Wait("work")
  abstract WaitResult<String> workInterruptibly(List<Integer> xs) throws InterruptedException;

  @Wait({"first", "count"})
  abstract WaitResult<?> mixed();

  // ---- @AsCompleted --------------------------------------------------------------------------

  @AsCompleted("work")
  abstract Stream<String> asCompleted(List<Integer> xs);

  @AsCompleted("work")
  abstract Stream<String> asCompletedChecked(List<Integer> xs) throws IOException;

  @AsCompleted("work")
  abstract Stream<Task<String>> tasksAsCompleted(int[] xs);

  @AsCompleted(value = "work", timeout = "PT0.2S")
  abstract Stream<String> asCompletedTimed(List<Integer> xs);

  @AsCompleted("work")
  abstract Stream<String> asCompletedWithin(List<Integer> xs, Duration timeout)
      throws TimeoutException;

  @AsCompleted(value = "work", maxConcurrency = 1)
  abstract Stream<String> asCompletedOneAtATime(List<Integer> xs);

  @AsCompleted("work")
  abstract CompletableFuture<Stream<String>> asCompletedAsync(List<Integer> xs);

  @AsCompleted({"first", "count"})
  abstract Stream<Task<?>> mixedAsCompleted();
}
