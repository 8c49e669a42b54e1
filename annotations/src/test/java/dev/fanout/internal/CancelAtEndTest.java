package dev.fanout.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.FanOut;
import dev.fanout.FanOutListener;
import dev.fanout.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call's end cancels every unfinished task, and once the call has ended a task nobody observes
 * is cancelled with one compare-and-set and nothing else ({@link FanOutCall#cancelled}). These
 * tests hold that whoever does observe such a task still hears of it: a listener, a future of the
 * task, a JFR recording.
 *
 * <p>Each test runs a gather whose first task fails on an executor that only keeps what it is
 * given (as a busy pool's queue would): the test runs the first task itself, and the end cancels
 * the others before any of them starts.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@SuppressWarnings("try") // a registration or recording is held open for its block
class CancelAtEndTest {
  private static final int TASKS = 6;

  @TempDir Path dir;

  /** A gather of {@link #TASKS} tasks on {@code queue}, the first of which fails when run. */
  private static FanOutCall<Integer> gatherFailingFirst(List<Runnable> queue, List<Task<Integer>> tasks) {
    FanOutCall<Integer> call = new FanOutCall<>(queue::add, Site.named("Test.cancelAtEnd"), TASKS);
    tasks.add(call.submit("fails", () -> {
      throw new IllegalStateException("the first failure");
    }));
    for (int i = 1; i < TASKS; i++) {
      Integer x = i;
      tasks.add(call.submit("pending", () -> x));
    }
    return call;
  }

  private static void runFirstAndExpectFailure(List<Runnable> queue,
      CompletableFuture<List<Integer>> gathered) {
    queue.get(0).run();
    assertTrue(gathered.isCompletedExceptionally(), "the gather did not fail");
  }

  @Test
  void aListenerHearsOfEveryTaskTheEndCancels() {
    Map<Integer, Task.State> heard = new ConcurrentHashMap<>();
    FanOutListener listener = new FanOutListener() {
      @Override
      public void taskFinished(FanOut.Call call, Task<?> task, long nanos) {
        heard.put(task.index(), task.state());
      }
    };
    List<Runnable> queue = new ArrayList<>();
    List<Task<Integer>> tasks = new ArrayList<>();
    try (FanOut.Registration registration = FanOut.register(listener)) {
      FanOutCall<Integer> call = gatherFailingFirst(queue, tasks);
      runFirstAndExpectFailure(queue, call.gatherListAsync());
    }
    assertEquals(TASKS, heard.size(), "heard: " + heard);
    assertEquals(Task.State.FAILED, heard.get(0));
    for (int i = 1; i < TASKS; i++) {
      assertEquals(Task.State.CANCELLED, heard.get(i), "task " + i);
    }
  }

  @Test
  void aFutureOfATaskTheEndCancelsIsCancelled() {
    List<Runnable> queue = new ArrayList<>();
    List<Task<Integer>> tasks = new ArrayList<>();
    FanOutCall<Integer> call = gatherFailingFirst(queue, tasks);
    CompletableFuture<List<Integer>> gathered = call.gatherListAsync();
    CompletableFuture<Integer> last = tasks.get(TASKS - 1).toCompletableFuture();
    runFirstAndExpectFailure(queue, gathered);
    assertTrue(last.isDone(), "the task's future was left pending");
    assertThrows(CancellationException.class, last::join);
  }

  @Test
  void aRecordingGetsAnEventForEveryTaskTheEndCancels() throws Exception {
    Path file = dir.resolve("cancel-at-end.jfr");
    try (Recording recording = new Recording()) {
      recording.enable("dev.fanout.Task");
      recording.start();
      List<Runnable> queue = new ArrayList<>();
      FanOutCall<Integer> call = gatherFailingFirst(queue, new ArrayList<>());
      runFirstAndExpectFailure(queue, call.gatherListAsync());
      recording.stop();
      recording.dump(file);
    }
    Map<String, Long> states = RecordingFile.readAllEvents(file).stream()
        .filter(e -> e.getEventType().getName().equals("dev.fanout.Task"))
        .collect(Collectors.groupingBy(e -> e.getString("state"), Collectors.counting()));
    assertEquals(Map.of("FAILED", 1L, "CANCELLED", (long) TASKS - 1), states);
  }
}
